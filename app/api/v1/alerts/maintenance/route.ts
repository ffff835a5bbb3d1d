import { reply } from '@/lib/api-contract';
import { MaintenanceWindowCreateSchema } from '@/lib/schemas/alerts';
import { createWindow, windowsFor } from '@/server/alerts/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Current and coming maintenance windows the caller may see (every-host ones, and those of readable hosts). */
export const GET = route('read', async ({ berth, principal }) => reply('GET /api/v1/alerts/maintenance', { windows: await windowsFor(berth, principal) }));

/** A window silences alerts of its host (or every host) and stack (or every stack): recorded and shown, not sent. */
export const POST = route('admin', async ({ req, berth, principal }) => {
  const window = await createWindow(berth, parse(MaintenanceWindowCreateSchema, await readJson(req)), principal.name);
  return Response.json(reply('POST /api/v1/alerts/maintenance', { window }), { status: 201 });
});
