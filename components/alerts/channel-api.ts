import { call } from '@/lib/api-client';
import type { ChannelCreate, ChannelUpdate } from '@/lib/schemas/alert-channels';

export const channelsApi = {
  list: () => call('GET /api/v1/alerts/channels').then((r) => r.channels),
  create: (input: ChannelCreate) => call('POST /api/v1/alerts/channels', {}, input).then((r) => r.channel),
  update: (cid: string, input: ChannelUpdate) => call('PUT /api/v1/alerts/channels/{cid}', { cid }, input).then((r) => r.channel),
  remove: (cid: string) => call('DELETE /api/v1/alerts/channels/{cid}', { cid }),
  test: (cid: string) => call('POST /api/v1/alerts/channels/{cid}/test', { cid }),
  deliveries: (cid: string) => call('GET /api/v1/alerts/channels/{cid}/deliveries', { cid }).then((r) => r.deliveries),
};
