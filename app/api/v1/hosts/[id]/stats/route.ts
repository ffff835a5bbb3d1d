import { reply } from '@/lib/api-contract';
import { StatsBatchQuerySchema } from '@/lib/schemas/stats';
import type { HostStatsTotals } from '@/lib/stats-types';
import { parse, queryOf, route } from '@/server/http/handler';
import { sseResponse } from '@/server/http/sse';

export const dynamic = 'force-dynamic';
type P = { id: string };

/**
 * With `ids`: the latest CPU/memory figures of those containers (the list's rows on screen), as JSON; the server
 * reads only containers asked about in the last few seconds. Without: server-sent events of the host's totals across
 * its running containers, every few seconds while the host page is open.
 */
export const GET = route<P>('read', async ({ req, params, berth }) => {
  const q = parse(StatsBatchQuerySchema, queryOf(req));
  const stats = berth.stats;
  if (q.ids) return reply('GET /api/v1/hosts/{id}/stats', stats.batch(params.id, q.ids));
  berth.fleet.runtime(params.id); // an unknown host is a 404, not an empty stream
  return sseResponse<HostStatsTotals>(req, (send) => stats.watchHost(params.id, send));
});
