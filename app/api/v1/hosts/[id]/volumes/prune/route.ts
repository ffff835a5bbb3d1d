import { reply } from '@/lib/api-contract';
import { VolumePruneSchema } from '@/lib/schemas/volumes';
import { parse, readJson, route } from '@/server/http/handler';
import { runAsTask } from '@/server/tasks/registry';
import { pruneUnusedVolumes } from '@/server/volumes/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Runs as a background task, so the task panel shows it while the Engine works (prunes can take minutes). */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(VolumePruneSchema, await readJson(req));
  return reply(
    'POST /api/v1/hosts/{id}/volumes/prune',
    await runAsTask(berth, 'prune', 'Prune volumes', params.id, () => pruneUnusedVolumes(berth, params.id, input), { by: principal.name }),
  );
});
