import { LogsQuerySchema } from '@/lib/schemas/logs';
import { ServiceRef } from '@/lib/schemas/service-actions';
import { parse, queryOf, route } from '@/server/http/handler';
import { serviceLogs } from '@/server/swarm/service-logs';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/** Every task's lines, labelled with the task's name: followed as server-sent events, downloaded, or one JSON answer. */
export const GET = route<P>('read', async ({ req, params, berth }) =>
  serviceLogs(berth, params.id, parse(ServiceRef, params.sid), parse(LogsQuerySchema, queryOf(req)), req),
);
