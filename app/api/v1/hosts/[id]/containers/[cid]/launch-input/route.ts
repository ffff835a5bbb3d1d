import { ContainerRef } from '@/lib/schemas/containers';
import { LaunchInputQuerySchema } from '@/lib/schemas/launch';
import { readLaunchInput } from '@/server/containers/recreate';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/** A container's settings as launch input, to prefill "Duplicate" and "Edit & recreate". */
export const GET = route<P>('read', async ({ req, params, berth }) => {
  const { mode } = parse(LaunchInputQuerySchema, queryOf(req));
  return { launch: await readLaunchInput(berth, params.id, parse(ContainerRef, params.cid), mode) };
});
