import { reply } from '@/lib/api-contract';
import { channelDeliveries } from '@/server/alerts/channels/service';
import { queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { cid: string };

export const GET = route<P>('admin', async ({ req, params, berth }) => {
  const limit = Math.min(200, Math.max(1, Number(queryOf(req).limit) || 50));
  return reply('GET /api/v1/alerts/channels/{cid}/deliveries', { deliveries: await channelDeliveries(berth, params.cid, limit) });
});
