import { reply } from '@/lib/api-contract';
import { HostCreateSchema } from '@/lib/schemas/hosts';
import { canRead } from '@/server/auth/policy';
import { parse, readJson, route } from '@/server/http/handler';
import { createHost } from '@/server/hosts/service';

export const dynamic = 'force-dynamic';

export const GET = route('read', async ({ berth, principal }) =>
  reply('GET /api/v1/hosts', { hosts: berth.fleet.hosts().filter((h) => canRead(principal, h.id)) }),
);

export const POST = route('admin', async ({ req, berth }) => {
  const input = parse(HostCreateSchema, await readJson(req));
  return Response.json(reply('POST /api/v1/hosts', { host: await createHost(berth, input) }), { status: 201 });
});
