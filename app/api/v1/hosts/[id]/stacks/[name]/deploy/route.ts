import { reply } from '@/lib/api-contract';
import { StackDeploySchema, stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { deployStack } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/**
 * Starts a deploy (202 with the operation to follow at …/operations/{opId}), or with wait: true answers when it has
 * finished. A deploy already running on the stack is a 409 naming it.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackDeploySchema, await readJson(req));
  const operation = await deployStack(berth, principal, params.id, parse(stackName, params.name), input);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/deploy', { operation }), { status: input.wait ? 200 : 202 });
});
