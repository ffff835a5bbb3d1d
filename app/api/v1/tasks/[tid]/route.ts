import { reply } from '@/lib/api-contract';
import { notFound } from '@/server/errors';
import { route } from '@/server/http/handler';
import { canSee } from '@/server/tasks/visibility';

export const dynamic = 'force-dynamic';
type P = { tid: string };

export const GET = route<P>('read', async ({ params, berth, principal }) => {
  const task = berth.tasks.get(params.tid);
  if (!task || !canSee(principal, task)) throw notFound(`No task with id "${params.tid}": finished tasks are kept only for a while`);
  return reply('GET /api/v1/tasks/{tid}', { task });
});
