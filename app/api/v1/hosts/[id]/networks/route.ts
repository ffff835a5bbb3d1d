import { reply } from '@/lib/api-contract';
import { NetworkCreateSchema } from '@/lib/schemas/networks';
import { parse, readJson, route } from '@/server/http/handler';
import { addNetwork, getNetworks } from '@/server/networks/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}/networks', { networks: await getNetworks(berth, params.id) }));

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const input = parse(NetworkCreateSchema, await readJson(req));
  return Response.json(reply('POST /api/v1/hosts/{id}/networks', { network: await addNetwork(berth, params.id, input) }), { status: 201 });
});
