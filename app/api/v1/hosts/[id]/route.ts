import { reply } from '@/lib/api-contract';
import { HostUpdateSchema } from '@/lib/schemas/hosts';
import { parse, readJson, route } from '@/server/http/handler';
import { removeHost, updateHost } from '@/server/hosts/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}', { host: berth.fleet.runtime(params.id).view() }));

export const PATCH = route<P>('admin', async ({ req, params, berth }) => {
  const patch = parse(HostUpdateSchema, await readJson(req));
  return reply('PATCH /api/v1/hosts/{id}', { host: await updateHost(berth, params.id, patch) });
});

export const DELETE = route<P>('admin', async ({ params, berth }) => {
  await removeHost(berth, params.id);
  return reply('DELETE /api/v1/hosts/{id}', { ok: true });
});
