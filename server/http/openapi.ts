import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ContainerActionBodySchema, ContainerActionSchema, ContainerListQuerySchema } from '@/lib/schemas/containers';
import { HostCreateSchema, HostUpdateSchema, SshProbeSchema } from '@/lib/schemas/hosts';

/**
 * The OpenAPI document of /api, generated from the same zod schemas the handlers validate with, so the document
 * cannot drift from what the server accepts. `npm run openapi` writes public/openapi.json; a unit test checks it
 * is current.
 */
export function buildOpenApi(): object {
  extendZodWithOpenApi(z);
  const r = new OpenAPIRegistry();
  const Error = r.register(
    'Error',
    z.object({
      error: z.object({
        kind: z.enum(['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'unreachable', 'engine', 'internal']),
        message: z.string().describe('What failed and what to do about it'),
        details: z.unknown().optional(),
      }),
    }),
  );
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const errors = {
    400: { description: 'Invalid input', content: { 'application/json': { schema: Error } } },
    404: { description: 'No such host or container', content: { 'application/json': { schema: Error } } },
    409: { description: 'Conflicts with the current state', content: { 'application/json': { schema: Error } } },
    502: { description: 'The Docker host could not be reached', content: { 'application/json': { schema: Error } } },
  };
  const id = z.object({ id: z.string().describe('Host id') });
  const cid = id.extend({ cid: z.string().describe('Container id or name') });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  r.registerPath({ method: 'get', path: '/api/health', summary: 'Liveness and store check', responses: { 200: json('OK') } });
  r.registerPath({ method: 'get', path: '/api/v1/hosts', summary: 'List hosts with status and Engine info', responses: { 200: json('{ hosts: HostView[] }') } });
  r.registerPath({ method: 'post', path: '/api/v1/hosts', summary: 'Register a host (the connection is tested before saving)', request: { body: body(HostCreateSchema) }, responses: { 201: json('{ host: HostView }'), ...errors } });
  r.registerPath({ method: 'post', path: '/api/v1/hosts/ssh-fingerprint', summary: "Read an SSH server's host key fingerprint for confirmation", request: { body: body(SshProbeSchema) }, responses: { 200: json('{ fingerprint }'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/hosts/{id}', summary: 'One host', request: { params: id }, responses: { 200: json('{ host: HostView }'), ...errors } });
  r.registerPath({ method: 'patch', path: '/api/v1/hosts/{id}', summary: 'Edit a host; secret fields left out keep their stored value', request: { params: id, body: body(HostUpdateSchema) }, responses: { 200: json('{ host: HostView }'), ...errors } });
  r.registerPath({ method: 'delete', path: '/api/v1/hosts/{id}', summary: 'Remove a host from Berth (nothing on the host changes)', request: { params: id }, responses: { 200: json('{ ok: true }'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/containers', summary: 'Containers of every host, from the live cache', request: { query: ContainerListQuerySchema }, responses: { 200: json('{ containers: ContainerSummary[], unavailable: [...] }'), ...errors } });
  r.registerPath({ method: 'get', path: '/api/v1/hosts/{id}/containers/{cid}', summary: 'Container detail (a summary of inspect)', request: { params: cid }, responses: { 200: json('{ container: ContainerDetail }'), ...errors } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/containers/{cid}/{action}',
    summary: 'Run a lifecycle action',
    request: { params: cid.extend({ action: ContainerActionSchema }), body: body(ContainerActionBodySchema) },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({ method: 'get', path: '/api/v1/live', summary: 'Server-sent events: a snapshot, then every container and host change', responses: { 200: { description: 'text/event-stream of LiveMessage JSON' } } });

  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Berth API', version: '1', description: 'The API the Berth UI itself uses. Errors are JSON with a message and the matching HTTP status.' },
  });
}
