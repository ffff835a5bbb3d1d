import { reply } from '@/lib/api-contract';
import { LaunchSchema } from '@/lib/schemas/launch';
import { launchContainer } from '@/server/containers/launch';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Launch: pull if missing → create → join networks → start; nothing is left behind when a step fails. */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(LaunchSchema, await readJson(req));
  return Response.json(reply('POST /api/v1/hosts/{id}/containers', await launchContainer(berth, principal, params.id, input)), { status: 201 });
});
