import { reply } from '@/lib/api-contract';
import { AlertListQuerySchema } from '@/lib/schemas/alerts';
import { alertsFor } from '@/server/alerts/service';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Open and recent alerts (?state=firing|resolved|all, ?host=, ?stack=, ?limit=), only of hosts the caller can read. */
export const GET = route('read', async ({ req, berth, principal }) =>
  reply('GET /api/v1/alerts', { alerts: await alertsFor(berth, principal, parse(AlertListQuerySchema, queryOf(req))) }),
);
