import { reply } from '@/lib/api-contract';
import { StackRollbackSchema, stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { rollbackStack } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackRollbackSchema, await readJson(req));
  const operation = await rollbackStack(berth, principal, params.id, parse(stackName, params.name), input.version, input.wait);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/rollback', { operation }), { status: input.wait ? 200 : 202 });
});
