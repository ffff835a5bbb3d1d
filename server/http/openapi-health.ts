import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** External health checks across hosts (issue #5 point 6): what the container and stack lists show. */
export function registerHealth(r: OpenAPIRegistry): void {
  const ContainerHealth = z.object({
    containerId: z.string(),
    hostId: z.string(),
    name: z.string(),
    stack: z.string(),
    service: z.string(),
    state: z.enum(['initializing', 'healthy', 'unhealthy']),
    since: z.string().describe('ISO time of the last transition'),
    lastError: z.string().nullable().describe('Why the last check failed, or why checks cannot run on the host (e.g. the probe image could not be pulled)'),
    recreateAttempts: z.number().int(),
    nextRecreateAt: z.string().nullable(),
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/health',
    summary: 'External health (x-berth-healthcheck) of every checked container on the hosts the caller can read',
    responses: { 200: { description: 'Checked containers', content: { 'application/json': { schema: z.object({ containers: z.array(ContainerHealth) }) } } } },
  });
}
