import { reply } from '@/lib/api-contract';
import { StackUpgradeEndSchema } from '@/lib/schemas/stacks-upgrade';
import { stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { finishUpgrade } from '@/server/stacks/upgrade';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackUpgradeEndSchema, await readJson(req));
  const operation = await finishUpgrade(berth, principal, params.id, parse(stackName, params.name), input.wait);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/upgrade/finish', { operation }), { status: input.wait ? 200 : 202 });
});
