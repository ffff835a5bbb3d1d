import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SwarmStackDeploySchema, SwarmStackPlanSchema } from '@/lib/schemas/swarm-stacks';

/** Swarm stacks (issue #14 point 4): compose files deployed as Swarm services, as `docker stack deploy` does. */
export function registerSwarmStacks(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id of a swarm manager') });
  const named = id.extend({ name: z.string().describe('Stack (namespace) name') });
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const errors = {
    400: { description: 'The stack file has problems (details.issues lists each with its line and column)' },
    404: { description: 'No such host or stack' },
    409: {
      description: 'Not a swarm manager, an external network/secret/config missing, a secret whose data would change, or a deploy of the stack already running',
    },
    502: { description: 'The Docker host could not be reached' },
  };
  const Summary = z.object({
    name: z.string(),
    source: z.enum(['berth', 'cli']).describe('berth: deployed by Berth, which keeps its file; cli: found by the namespace label'),
    services: z.number(),
    running: z.number().describe('tasks running'),
    desired: z.number().describe('tasks wanted (replicas, or for global services the tasks placed)'),
  });
  const Service = z.object({
    id: z.string(),
    name: z.string().describe('<stack>_<service>'),
    service: z.string(),
    image: z.string(),
    mode: z.enum(['replicated', 'global']),
    running: z.number(),
    desired: z.number(),
    ports: z.array(z.string()),
    updateState: z.string().nullable(),
  });
  const Detail = Summary.extend({
    stackServices: z.array(Service),
    networks: z.array(z.string()),
    secrets: z.array(z.string()),
    configs: z.array(z.string()),
    compose: z.string().nullable().describe('the file Berth deployed; null for a stack the CLI deployed'),
    hasEnv: z.boolean(),
    files: z.array(z.string()).describe('names of the private files kept (their text is never sent back)'),
  });
  const Plan = z.object({
    stack: z.string(),
    services: z.array(z.object({ name: z.string(), service: z.string(), image: z.string(), action: z.enum(['create', 'update', 'remove', 'unchanged']) })),
    networks: z.array(z.string()).describe('networks a deploy creates'),
    secrets: z.array(z.string()),
    configs: z.array(z.string()),
    warnings: z.array(z.string()).describe('keys docker stack deploy ignores (build, depends_on, container_name…), named'),
  });

  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/stacks',
    summary: "The swarm's stacks by the com.docker.stack.namespace label: Berth's and those the docker CLI deployed",
    request: { params: id },
    responses: { 200: json('The stacks', z.object({ stacks: z.array(Summary) })), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/stacks',
    summary:
      'Deploys a compose file as a Swarm stack (create or update; services no longer in the file are removed, as --prune). Nothing is left half-done on failure',
    request: { params: id, body: body(SwarmStackDeploySchema) },
    responses: {
      200: json('What was done', z.object({ ok: z.literal(true), message: z.string(), plan: Plan })),
      403: { description: 'A service breaks the operator policy' },
      ...errors,
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/stacks/{name}',
    summary: "A stack's services with task counts, its networks, secrets and configs, and its file if Berth deployed it",
    request: { params: named },
    responses: { 200: json('The stack', z.object({ stack: Detail })), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/hosts/{id}/swarm/stacks/{name}',
    summary: 'Removes the services, secrets, configs and networks the stack label marks, as docker stack rm',
    request: { params: named },
    responses: { 200: json('Removed', z.object({ ok: z.literal(true), message: z.string() })), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/stacks/{name}/plan',
    summary: 'What deploying the file would do, per service create, update, remove or unchanged; changes nothing',
    request: { params: named, body: body(SwarmStackPlanSchema) },
    responses: { 200: json('The plan', z.object({ plan: Plan })), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/stacks/{name}/export',
    summary: 'The running stack as a compose file that deploys the same (secrets as external by name: their data is never read back)',
    request: { params: named },
    responses: { 200: { description: 'YAML', content: { 'application/yaml': { schema: z.string() } } }, ...errors },
  });
}
