import { reply } from '@/lib/api-contract';
import { StackActionBodySchema, StackActionSchema, stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { stackAction } from '@/server/stacks/actions';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string; action: string };

/** stop, start, restart, or down (removeVolumes: true also removes the stack's named volumes). */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const action = parse(StackActionSchema, params.action);
  const body = parse(StackActionBodySchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/stacks/{name}/{action}', {
    operation: await stackAction(berth, principal, params.id, parse(stackName, params.name), action, body),
  });
});
