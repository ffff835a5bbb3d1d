import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { StatsBatchQuerySchema } from '@/lib/schemas/stats';

/** Live stats: one container's figures, and a host's totals or its list rows' figures. */
export function registerStats(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id') });
  const cid = id.extend({ cid: z.string().describe('Container id or name') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = { 400: err('Invalid input'), 404: err('No such host or container'), 502: err('The Docker host could not be reached') };
  const sse = (description: string) => ({ description, content: { 'text/event-stream': { schema: z.string() } } });

  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/containers/{cid}/stats',
    summary:
      'Server-sent events of StatsMessage: the kept history (up to an hour), then a sample a second while the container runs; "end" says why samples stopped (the stream closes after "container removed"). Every viewer shares one Engine stream.',
    request: { params: cid },
    responses: { 200: sse('text/event-stream of StatsMessage JSON'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/stats',
    summary:
      "With ids: the latest CPU/memory figures of those containers as JSON ({ samples: { [id]: StatsSample | null }, intervalMs }); only containers asked about recently are read. Without: server-sent events of the host's totals across running containers (HostStatsTotals): first those kept from the last hour (oldest first), then new ones every few seconds.",
    request: { params: id, query: StatsBatchQuerySchema },
    responses: {
      200: {
        description: 'ContainerStatsBatch JSON, or text/event-stream of HostStatsTotals JSON',
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
      ...errors,
    },
  });
}
