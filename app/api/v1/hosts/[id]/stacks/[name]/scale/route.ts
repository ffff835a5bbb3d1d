import { reply } from '@/lib/api-contract';
import { StackScaleSchema, stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { scaleService } from '@/server/stacks/scale';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackScaleSchema, await readJson(req));
  const operation = await scaleService(berth, principal, params.id, parse(stackName, params.name), input);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/scale', { operation }), { status: input.wait ? 200 : 202 });
});
