import { ContainerRef } from '@/lib/schemas/containers';
import { LogsQuerySchema } from '@/lib/schemas/logs';
import { parse, queryOf, route } from '@/server/http/handler';
import { containerLogs } from '@/server/logs/response';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/** A container's logs: followed as server-sent events, downloaded as text, or one JSON answer (server/logs/response.ts). */
export const GET = route<P>('read', async ({ req, params, berth, principal }) =>
  containerLogs(berth, principal, params.id, parse(ContainerRef, params.cid), parse(LogsQuerySchema, queryOf(req)), req),
);
