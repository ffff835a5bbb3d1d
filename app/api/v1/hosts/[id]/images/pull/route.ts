import { reply } from '@/lib/api-contract';
import { PullSchema } from '@/lib/schemas/pull';
import { parse, queryOf, readJson, route } from '@/server/http/handler';
import { startPullTask } from '@/server/images/pull';

export const dynamic = 'force-dynamic';
type P = { id: string };

/**
 * Starts the pull as a background task and answers with it at once; `?wait=true` answers when it ended instead (for
 * scripts), with the result or the pull's error.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(PullSchema, await readJson(req));
  const { task, done } = startPullTask(berth, params.id, input.ref, { auth: input.auth, by: principal.name });
  if (queryOf(req).wait === 'true') return reply('POST /api/v1/hosts/{id}/images/pull', { task, result: await done });
  return reply('POST /api/v1/hosts/{id}/images/pull', { task });
});
