import { ContainerRef } from '@/lib/schemas/containers';
import { LaunchSchema } from '@/lib/schemas/launch';
import type { ContainerDetail } from '@/lib/types';
import { recreateContainer } from '@/server/containers/recreate';
import { parse, readJson, route } from '@/server/http/handler';
import { startTask } from '@/server/tasks/registry';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/**
 * Edit & recreate: the container is replaced by one made from the edited launch input, keeping its name and volumes.
 * The steps show in the background-task panel; the request answers when the work is done.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const cid = parse(ContainerRef, params.cid);
  const input = parse(LaunchSchema, await readJson(req));
  let container: ContainerDetail | undefined;
  // The task keeps only the id and name as its result: the detail carries env values, which the panel must not spread.
  const { done } = startTask(
    berth,
    'recreate',
    `Recreate ${input.name || cid}`,
    params.id,
    async (report) => {
      container = await recreateContainer(berth, principal, params.id, cid, input, (what, fraction) => report.progress(fraction, what));
      return { id: container.id, name: container.name };
    },
    { by: principal.name },
  );
  await done;
  return { container };
});
