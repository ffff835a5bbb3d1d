import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ServiceCreateSchema, ServiceUpdateSchema } from '@/lib/schemas/swarm-service';

/** Creating a Swarm service from the form, and its rolling update (issue #14 point 3; server/swarm/service-create.ts). */
export function registerSwarmServiceCreate(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id of a swarm manager') });
  const sid = id.extend({ sid: z.string().describe('Service id (or unique prefix) or name') });
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const Changed = z.object({
    ok: z.literal(true),
    id: z.string(),
    name: z.string(),
    message: z.string().describe('what was done; for an update, how tasks are replaced and what happens on failure'),
    warnings: z.array(z.string()).describe("the Engine's own warnings"),
  });
  const errors = {
    400: { description: 'Invalid input (issues per field in details.issues), a mode change, or settings the Engine refused' },
    403: { description: 'Not an operator, or the container policy refuses a setting of the tasks (binds, capabilities, privileges, host network…)' },
    404: { description: 'No such host or service' },
    409: { description: 'The host is not a manager, the name is taken, or a host-mode port is taken on every node the service could run on' },
    502: { description: 'The Docker host could not be reached' },
  };
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/services',
    summary: 'Create a service from the form; the name, the policy and host-mode ports are checked first, so a refusal creates nothing',
    request: { params: id, body: body(ServiceCreateSchema) },
    responses: { 201: json('Created', Changed), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/update',
    summary: "The service as the edit form shows it, with its version and its last update's state",
    request: { params: sid },
    responses: {
      200: json(
        'The form value',
        z.object({
          service: z.object({
            id: z.string(),
            name: z.string(),
            version: z.number(),
            form: z.object({}).passthrough().describe('a value of the create body'),
            updateState: z.string().nullable().describe('updating, completed, paused, rollback_started, rollback_completed…'),
            updateMessage: z.string().nullable(),
          }),
        }),
      ),
      ...errors,
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/services/{sid}/update',
    summary: "A rolling update from the form's value (no name: services are not renamed); settings the form does not show are kept",
    request: { params: sid, body: body(ServiceUpdateSchema) },
    responses: { 200: json('The update started', Changed), ...errors },
  });
}
