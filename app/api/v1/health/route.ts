import { reply } from '@/lib/api-contract';
import { canRead } from '@/server/auth/policy';
import { allHealth } from '@/server/health/checker';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Berth's external health state of every checked container on the hosts the caller can read (the lists' badges). */
export const GET = route('read', async ({ berth, principal }) =>
  reply('GET /api/v1/health', { containers: allHealth(berth, (hostId) => canRead(principal, hostId)) }),
);
