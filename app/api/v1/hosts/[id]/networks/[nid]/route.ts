import { reply } from '@/lib/api-contract';
import { NetworkRef } from '@/lib/schemas/networks';
import { parse, route } from '@/server/http/handler';
import { deleteNetwork, getNetwork } from '@/server/networks/service';

export const dynamic = 'force-dynamic';
type P = { id: string; nid: string };

export const GET = route<P>('read', async ({ params, berth }) => ({ network: await getNetwork(berth, params.id, parse(NetworkRef, params.nid)) }));

export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/networks/{nid}', await deleteNetwork(berth, params.id, parse(NetworkRef, params.nid))),
);
