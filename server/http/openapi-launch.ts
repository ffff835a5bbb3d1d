import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LaunchInputQuerySchema, LaunchSchema } from '@/lib/schemas/launch';

/** Launch, duplicate and edit & recreate. */
export function registerLaunch(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id') });
  const cid = id.extend({ cid: z.string().describe('Container id or name') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input, with the issue per field in details.issues'),
    403: err('The access policy refuses a setting (privileged, capabilities, host paths…)'),
    404: err('No such host, container or image'),
    409: err('Name or host port already in use (the message names the container holding the port)'),
    502: err('The Docker host, or no registry, could be reached'),
  };
  const body = { content: { 'application/json': { schema: LaunchSchema } } };
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/containers',
    summary: 'Launch a container: pull the image if missing, create, join networks, start; a failed launch leaves no container behind',
    request: { params: id, body },
    responses: { 201: json('{ container: ContainerDetail, pulled: boolean }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/containers/{cid}/launch-input',
    summary: "A container's settings as launch input (duplicate: name cleared, anonymous volumes fresh; recreate: reuses them)",
    request: { params: cid, query: LaunchInputQuerySchema },
    responses: { 200: json('{ launch: LaunchInput }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/containers/{cid}/recreate',
    summary: 'Replace a container with one made from edited launch input, keeping its name and volumes; the old one is restored if the new one fails',
    request: { params: cid, body },
    responses: { 200: json('{ container: ContainerDetail }'), ...errors },
  });
}
