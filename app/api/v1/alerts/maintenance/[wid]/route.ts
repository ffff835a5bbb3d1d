import { reply } from '@/lib/api-contract';
import { alertId } from '@/lib/schemas/alerts';
import { removeWindow } from '@/server/alerts/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { wid: string };

/** Ends a window now (deletes it): alerts it silenced that still fire are sent at the next sweep. */
export const DELETE = route<P>('admin', async ({ params, berth }) => {
  const id = parse(alertId, params.wid);
  await removeWindow(berth, id);
  return reply('DELETE /api/v1/alerts/maintenance/{wid}', { ok: true, message: `Maintenance window ${id} removed` });
});
