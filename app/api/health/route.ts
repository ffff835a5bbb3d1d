import { route } from '@/server/http/handler';
import { sql } from 'kysely';

export const dynamic = 'force-dynamic';

/** Liveness and store check for load balancers and the test harness. */
export const GET = route('read', async ({ berth }) => {
  await sql`select 1`.execute(berth.db);
  return {
    ok: true,
    store: berth.config.databaseUrl ? 'postgres' : 'sqlite',
    hosts: berth.fleet.hosts().length,
    // Open live streams: lets operators (and tests) see that closed tabs release theirs.
    liveSubscribers: berth.fleet.hub.size,
  };
});
