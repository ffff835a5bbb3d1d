import { reply } from '@/lib/api-contract';
import { publicRoute } from '@/server/http/public-route';
import { sql } from 'kysely';

export const dynamic = 'force-dynamic';

/** Liveness and store check for load balancers and the test harness: public, so it says nothing about hosts. */
export const GET = publicRoute(async ({ berth }) => {
  await sql`select 1`.execute(berth.db);
  return reply('GET /api/health', {
    ok: true,
    store: berth.config.databaseUrl ? 'postgres' : 'sqlite',
    // Open live streams: lets operators (and tests) see that closed tabs release theirs.
    liveSubscribers: berth.fleet.hub.size,
  });
});
