import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PullSchema } from '@/lib/schemas/pull';
import { RegistryCreateSchema, RegistryLoginTestSchema, RegistryUpdateSchema } from '@/lib/schemas/registries';

/** Pull, build, registries and background tasks. */
export function registerRegistries(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id') });
  const rid = z.object({ rid: z.string().describe('Registry id') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input, or (with wait=true) credentials the registry refused'),
    404: err('No such host, registry, task or image'),
    409: err('Conflicts with a stored entry'),
    502: err('The Docker host or the registry could not be reached'),
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const wait = z.object({ wait: z.enum(['true', 'false']).optional().describe('answer when the task ended, with its result or error, instead of at once') });

  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/images/pull',
    summary:
      "Pull an image as a background task (per-layer progress in the task stream); the stored credentials of the reference's registry are used unless credentials are given",
    request: { params: id, query: wait, body: body(PullSchema) },
    responses: { 200: json('{ task: TaskView, result?: { ref, id, digest, registry, message } }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/images/build',
    summary: 'Build an image from an uploaded Dockerfile or context archive (.tar, .tar.gz) as a background task; the log is in the task stream',
    request: {
      params: id,
      query: wait,
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.string().describe('the Dockerfile, or a context archive (binary)'),
              tag: z.string().optional().describe('repo:tag for the image'),
              target: z.string().optional().describe('stage to build up to'),
              dockerfile: z.string().optional().describe('Dockerfile path inside the archive'),
              buildArgs: z.string().optional().describe('JSON object of ARG values'),
            }),
          },
        },
      },
    },
    responses: { 200: json('{ task: TaskView, result?: { id, tag, message } }'), 413: err('The upload is larger than the limit'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/registries',
    summary: 'Stored registries (hasPassword tells whether a password is stored; it is never returned)',
    responses: { 200: json('{ registries: RegistryView[] }') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/registries',
    summary: 'Store a registry with credentials (the password is encrypted at rest)',
    request: { body: body(RegistryCreateSchema) },
    responses: { 200: json('{ registry: RegistryView }'), ...errors },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/registries/{rid}',
    summary: 'Change a registry; an empty password keeps the stored one',
    request: { params: rid, body: body(RegistryUpdateSchema) },
    responses: { 200: json('{ registry: RegistryView }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/registries/{rid}',
    summary: 'Remove a registry and its stored credentials',
    request: { params: rid },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/registries/test-login',
    summary: "Test a login through a host's Docker Engine (/auth)",
    request: { body: body(RegistryLoginTestSchema) },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/tasks',
    summary: 'Running and recently finished background tasks',
    responses: { 200: json('{ tasks: TaskView[] }') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/tasks/{tid}',
    summary: 'One background task',
    request: { params: z.object({ tid: z.string() }) },
    responses: { 200: json('{ task: TaskView }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/tasks/stream',
    summary: 'Server-sent events: a snapshot of tasks, then every change to one',
    responses: { 200: { description: 'text/event-stream of TaskMessage JSON' } },
  });
}
