import { ContainerRef } from '@/lib/schemas/containers';
import { LaunchSchema } from '@/lib/schemas/launch';
import { recreateContainer } from '@/server/containers/recreate';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/** Edit & recreate: the container is replaced by one made from the edited launch input, keeping its name and volumes. */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const cid = parse(ContainerRef, params.cid);
  const input = parse(LaunchSchema, await readJson(req));
  return { container: await recreateContainer(berth, principal, params.id, cid, input) };
});
