import { reply } from '@/lib/api-contract';
import { ImagePruneSchema } from '@/lib/schemas/images';
import { parse, readJson, route } from '@/server/http/handler';
import { runAsTask } from '@/server/tasks/registry';
import { pruneDanglingImages } from '@/server/images/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Runs as a background task, so the task panel shows it while the Engine works (prunes can take minutes). */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(ImagePruneSchema, await readJson(req));
  return reply(
    'POST /api/v1/hosts/{id}/images/prune',
    await runAsTask(berth, 'prune', 'Prune images', params.id, () => pruneDanglingImages(berth, params.id, input), { by: principal.name }),
  );
});
