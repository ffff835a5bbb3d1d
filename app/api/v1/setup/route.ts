import { reply } from '@/lib/api-contract';
import { SetupSchema } from '@/lib/schemas/auth';
import { clientIp } from '@/server/audit/request';
import { adminExists } from '@/server/auth/grants';
import { createFirstAdmin } from '@/server/auth/setup';
import { parse, readJson } from '@/server/http/handler';
import { publicRoute } from '@/server/http/public-route';

export const dynamic = 'force-dynamic';

/** Whether Berth still waits for its first admin. */
export const GET = publicRoute(async ({ berth }) => reply('GET /api/v1/setup', { needsSetup: !(await adminExists(berth.db)) }));

/** Creates the first admin; refused (409) once one exists. */
export const POST = publicRoute(async ({ req, berth }) => {
  const input = parse(SetupSchema, await readJson(req));
  await createFirstAdmin(berth, input.username, input.password, clientIp(req));
  return Response.json(reply('POST /api/v1/setup', { ok: true }), { status: 201 });
});
