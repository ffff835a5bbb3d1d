import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { StackFolderViewSchema } from '@/lib/schemas/stack-folder';

/** A stack's uploaded folder archive: the build context of `build: ./dir` and the files of env_file. */
export function registerStackFolder(r: OpenAPIRegistry): void {
  const params = z.object({ id: z.string().describe('Host id'), name: z.string().describe('Stack name') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Not a tar / tar.gz archive, or an entry leaves the folder ("..")'),
    404: err('No such host or stack'),
    502: err('The Docker host could not be reached'),
  };
  const path = '/api/v1/hosts/{id}/stacks/{name}/folder';
  const folder = (description: string) => ({
    description,
    content: { 'application/json': { schema: z.object({ folder: StackFolderViewSchema.nullable(), message: z.string().optional() }) } },
  });
  r.registerPath({
    method: 'get',
    path,
    summary: "The stack's folder archive: name, size, sha256, upload time and file list (never content); folder is null when none was uploaded",
    request: { params },
    responses: { 200: folder('{ folder }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path,
    summary:
      "Upload the stack's project folder as a .tar or .tar.gz (at most 64 MiB), replacing the previous one; relative build contexts (build: ./web) are folders of it",
    request: {
      params,
      body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().describe('the .tar or .tar.gz archive of the folder (binary)') }) } } },
    },
    responses: { 200: folder('{ folder, message }'), 413: err('The archive is larger than 64 MiB'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path,
    summary: "Remove the stack's folder archive",
    request: { params },
    responses: {
      200: { description: '{ ok: true, message }', content: { 'application/json': { schema: z.object({ ok: z.boolean(), message: z.string() }) } } },
      ...errors,
    },
  });
}
