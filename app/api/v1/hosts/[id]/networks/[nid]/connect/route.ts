import { reply } from '@/lib/api-contract';
import { NetworkConnectSchema, NetworkRef } from '@/lib/schemas/networks';
import { parse, readJson, route } from '@/server/http/handler';
import { connectToNetwork } from '@/server/networks/service';

export const dynamic = 'force-dynamic';
type P = { id: string; nid: string };

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const nid = parse(NetworkRef, params.nid);
  return reply(
    'POST /api/v1/hosts/{id}/networks/{nid}/connect',
    await connectToNetwork(berth, params.id, nid, parse(NetworkConnectSchema, await readJson(req))),
  );
});
