import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** The "Why?" panel's answers (issue #17 point 4, server/diagnosis). */
export function registerDiagnosis(r: OpenAPIRegistry): void {
  const Hint = z.object({
    id: z
      .string()
      .describe(
        'The rule that made it: exit-code, oom-killed, restart-loop, healthcheck, external-check, port-conflict, image, command, bind-missing, volume-missing, never-started, dependency, no-container, operation-failed, paused, dead, generic',
      ),
    severity: z.enum(['error', 'warning', 'info']),
    title: z.string().describe('Plain words, e.g. "Killed: out of memory"'),
    evidence: z.string().describe('What was seen, quoted, e.g. "exit code 137, OOMKilled=true, memory limit 64 MiB"'),
    action: z.string().describe('What to do about it'),
    service: z.string().optional().describe('On a stack: the service the hint is about'),
    container: z.string().optional().describe('On a stack: the container the hint is about'),
  });
  const ContainerDiagnosis = z.object({
    container: z.object({ id: z.string(), name: z.string(), state: z.string(), health: z.string().nullable() }),
    healthy: z.boolean().describe('False when not running, restarting, paused, or unhealthy (Engine healthcheck or x-berth-healthcheck)'),
    hints: z.array(Hint).describe('Most severe first; never empty when the container is not healthy'),
    logs: z.array(z.string()).nullable().describe('The last 20 log lines; null when hidden (a sensitive container, for viewers) or unreadable'),
  });
  const errors = {
    404: { description: 'No such host, container or stack' },
    502: { description: 'The Docker host could not be reached' },
  };
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/containers/{cid}/diagnosis',
    summary: 'Why a container is not healthy: hints built from its state, exit code, restarts, health checks, mounts, image, ports and last log lines',
    request: { params: z.object({ id: z.string().describe('Host id'), cid: z.string().describe('Container id or name') }) },
    responses: { 200: { description: 'The diagnosis', content: { 'application/json': { schema: z.object({ diagnosis: ContainerDiagnosis }) } } }, ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/stacks/{name}/diagnosis',
    summary:
      "Why a stack is not healthy: unmet depends_on conditions, services without containers, the last failed operation, and each broken container's hints",
    request: { params: z.object({ id: z.string().describe('Host id'), name: z.string().describe('Stack name') }) },
    responses: {
      200: {
        description: 'The diagnosis',
        content: {
          'application/json': {
            schema: z.object({
              diagnosis: z.object({ stack: z.string(), healthy: z.boolean(), hints: z.array(Hint), containers: z.array(ContainerDiagnosis) }),
            }),
          },
        },
      },
      ...errors,
    },
  });
}
