import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ContainerImageUpdateSchema, ImageUpdateCheckSchema } from '@/lib/schemas/image-updates';

/** Image update checks and Update (issue #17 point 3), and the Prometheus scrape target. */
export function registerImageUpdates(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input, or an update that cannot be made here (pinned by digest, a compose project Berth does not manage)'),
    404: err('No such host or container'),
    409: err('The stack is busy with another operation'),
    502: err('The Docker host or the registry could not be reached'),
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const answer = json(
    "ImageUpdatesAnswer: { updates: { image, status: 'update-available' | 'up-to-date' | 'unknown', reason, remoteDigest, containers[], checkedAt }[], checking, lastCheckAt, nextCheckAt, backoff[] }",
  );

  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/images/updates',
    summary: "The last image update checks of the host's running containers (memory only; no registry is asked)",
    request: { params: id },
    responses: { 200: answer, ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/images/updates',
    summary:
      "Check now: ask each registry (manifest HEAD, stored credentials) which digest the running containers' tags point to, and compare with the images' repo digests (operators; not audited)",
    request: { params: id, body: body(ImageUpdateCheckSchema) },
    responses: { 200: answer, ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/containers/{cid}/update-image',
    summary:
      "Update: pull the registry's newer image and recreate the container with its settings (a background task), or for a stack service deploy it through the plan (a rolling upgrade when it has a health check)",
    request: { params: id.extend({ cid: z.string().describe('Container id or name') }), body: body(ContainerImageUpdateSchema) },
    responses: {
      200: json('{ ok, message, container?: { id, name }, operation?: OperationView } (wait: true)'),
      202: json('{ ok, message, operation?: OperationView }: started'),
      ...errors,
    },
  });
  r.registerPath({
    method: 'get',
    path: '/metrics',
    summary:
      'Prometheus text format: berth_host_up, berth_containers, berth_alerts_open, berth_stack_operations_total, berth_sse_clients, berth_event_lag_seconds, berth_image_updates_available (an admin API token: Authorization: Bearer)',
    responses: {
      200: { description: 'text/plain; version=0.0.4', content: { 'text/plain': { schema: z.string() } } },
      401: err('No or an invalid API token'),
      403: err('The token is not an admin on every host'),
    },
  });
}
