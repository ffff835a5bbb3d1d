import { reply } from '@/lib/api-contract';
import { testChannel } from '@/server/alerts/channels/service';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { cid: string };

/** Sends a test alert now and answers with what happened; a failed send is a 200 with ok: false (the test ran). */
export const POST = route<P>('admin', async ({ params, berth, principal }) =>
  reply('POST /api/v1/alerts/channels/{cid}/test', await testChannel(berth, params.cid, principal.name)),
);
