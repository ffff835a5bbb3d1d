import { reply } from '@/lib/api-contract';
import { ChannelUpdateSchema } from '@/lib/schemas/alert-channels';
import { getChannel, removeChannel, updateChannel } from '@/server/alerts/channels/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { cid: string };

export const GET = route<P>('admin', async ({ params, berth }) => reply('GET /api/v1/alerts/channels/{cid}', { channel: await getChannel(berth, params.cid) }));

export const PUT = route<P>('admin', async ({ req, params, berth }) =>
  reply('PUT /api/v1/alerts/channels/{cid}', { channel: await updateChannel(berth, params.cid, parse(ChannelUpdateSchema, await readJson(req))) }),
);

export const DELETE = route<P>('admin', async ({ params, berth }) => reply('DELETE /api/v1/alerts/channels/{cid}', await removeChannel(berth, params.cid)));
