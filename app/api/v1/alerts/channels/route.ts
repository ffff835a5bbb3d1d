import { reply } from '@/lib/api-contract';
import { ChannelCreateSchema } from '@/lib/schemas/alert-channels';
import { createChannel, listChannels } from '@/server/alerts/channels/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

// admin only, reading included: a channel's settings say where alerts about every host go
export const GET = route('admin', async ({ berth }) => reply('GET /api/v1/alerts/channels', { channels: await listChannels(berth) }));

export const POST = route('admin', async ({ req, berth }) =>
  reply('POST /api/v1/alerts/channels', { channel: await createChannel(berth, parse(ChannelCreateSchema, await readJson(req))) }),
);
