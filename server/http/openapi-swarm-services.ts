import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LogsQueryDoc } from '@/lib/schemas/logs';
import { ServiceScaleSchema } from '@/lib/schemas/service-actions';

/** Swarm services and tasks (issue #14 points 3, 8): list, detail, tasks, scale, rollback, remove, logs (server/swarm). */
export function registerSwarmServices(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id of a swarm manager') });
  const sid = id.extend({ sid: z.string().describe('Service id (or unique prefix) or name') });
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const errors = {
    404: { description: 'No such host or service' },
    409: { description: 'The host is not a swarm manager, or the change is refused (a global service scaled, no previous version)' },
    502: { description: 'The Docker host could not be reached' },
  };
  const Port = z.object({ protocol: z.string(), target: z.number(), published: z.number().nullable(), mode: z.string().describe('ingress or host') });
  const Summary = z.object({
    id: z.string(),
    name: z.string(),
    mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
    image: z.string(),
    running: z.number().describe('tasks running now'),
    desired: z.number().describe('replicas asked for; for global services, one per eligible node'),
    ports: z.array(Port),
    update: z
      .object({ state: z.string(), message: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable() })
      .nullable()
      .describe('the last rolling update or rollback'),
    stack: z.string().nullable(),
    labels: z.record(z.string(), z.string()),
    canRollback: z.boolean().describe('the Engine keeps a previous spec'),
    pending: z.string().nullable().describe("the first waiting task's reason in plain words"),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  const Detail = Summary.extend({
    replicas: z.number().nullable(),
    command: z.array(z.string()),
    constraints: z.array(z.string()),
    endpointMode: z.string(),
    networks: z.array(z.string()),
    updateConfig: z.object({ parallelism: z.number(), delaySeconds: z.number(), failureAction: z.string(), order: z.string() }).nullable(),
    restartCondition: z.string().nullable(),
  });
  const Task = z.object({
    id: z.string(),
    name: z.string().describe('service.slot.id12 (service.node-id.id12 for global services)'),
    serviceId: z.string(),
    serviceName: z.string(),
    slot: z.number().nullable(),
    nodeId: z.string().nullable(),
    nodeName: z.string().nullable(),
    desiredState: z.string(),
    state: z.string(),
    message: z.string(),
    err: z.string().nullable().describe("the Engine's error as it gave it"),
    problem: z.string().nullable().describe('what went wrong or what the task waits for, in plain words naming what to do'),
    containerId: z.string().nullable(),
    exitCode: z.number().nullable(),
    image: z.string(),
    timestamp: z.string(),
    createdAt: z.string(),
  });
  const Changed = z.object({ ok: z.literal(true), message: z.string(), service: Detail, warnings: z.array(z.string()) });
  const Done = z.object({ ok: z.literal(true), message: z.string() });

  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/services',
    summary: "The swarm's services with running/desired task counts, ports, update status and any pending reason",
    request: { params: id },
    responses: { 200: json('The services', z.object({ services: z.array(Summary) })), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}',
    summary: 'One service',
    request: { params: sid },
    responses: { 200: json('The service', z.object({ service: Detail })), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}',
    summary: 'Remove a service (operators); its tasks stop on their nodes',
    request: { params: sid },
    responses: { 200: json('Removed', Done), 403: { description: 'Not an operator on this host' }, ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/tasks',
    summary: 'The tasks of a service with node, desired and current state, and the error in plain words; all=0 for only those meant to run',
    request: { params: sid, query: z.object({ all: z.enum(['1', '0']).optional().describe('include the shut-down history (default 1)') }) },
    responses: { 200: json('The tasks, by slot (or node), newest first', z.object({ tasks: z.array(Task) })), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/scale',
    summary: 'Set the replicas of a replicated service (operators); global services and jobs are refused',
    request: { params: sid, body: { content: { 'application/json': { schema: ServiceScaleSchema } } } },
    responses: { 200: json('Scaled', Changed), 400: { description: 'Bad input' }, 403: { description: 'Not an operator on this host' }, ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/rollback',
    summary: 'Roll the service back to its previous spec (operators); refused when it has none',
    request: { params: sid },
    responses: { 200: json('Rolling back', Changed), 403: { description: 'Not an operator on this host' }, ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/logs',
    summary:
      "Every task's log lines, each labelled 'name.slot.task@node | …', the backlog in time order: server-sent events of LogMessage when following, text/plain with download=1, else JSON { service, lines }",
    request: { params: sid, query: LogsQueryDoc },
    responses: {
      200: {
        description: 'Whole lines, stdout and stderr told apart',
        content: {
          'text/event-stream': { schema: z.string() },
          'text/plain': { schema: z.string() },
          'application/json': { schema: z.object({}).passthrough() },
        },
      },
      ...errors,
    },
  });
}
