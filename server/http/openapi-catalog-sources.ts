import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CatalogSourceCreateSchema } from '@/lib/schemas/catalog-sources';

/** Catalog sources (issue #12): git repositories in Berth's format and catalog files in imported formats; admins only. */
export function registerCatalogSources(r: OpenAPIRegistry): void {
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const sid = z.object({ sid: z.string().describe('Catalog source id (its templates are "<sid>/<template>")') });
  const view =
    'CatalogSourceView: { id, name, kind, url, path, format, fileName, revision, lastRefreshAt, lastAttemptAt, lastError, templateCount, problems, unsupported, createdAt }';
  const errors = {
    401: err('Not signed in'),
    403: err('Not an admin'),
  };
  r.registerPath({
    method: 'get',
    path: '/api/v1/catalog/sources',
    summary: 'The catalog sources, each with its last refresh, template count, problems by file and field, unsupported fields and last error',
    responses: { 200: json(`{ sources: ${view}[] }`), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/catalog/sources',
    summary:
      "Add a source: kind git (a repository in Berth's format, optional path of the folder above templates/), url (a Portainer, CapRover or Coolify file to download) or file (its text, uploaded). It is read first; a source that cannot be read is refused and nothing is saved. https only unless BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1",
    request: { body: { content: { 'application/json': { schema: CatalogSourceCreateSchema } } } },
    responses: {
      201: json(`{ source: ${view} }`),
      400: err('A refused URL (an option, a transport other than https, credentials in it), a file in no known format, or a malformed catalog file'),
      409: err('A source with that id (made from the name) exists'),
      502: err('The repository or URL could not be reached (the cause is named)'),
      ...errors,
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/catalog/sources/{sid}/refresh',
    summary:
      'Read a source again now (sources are also refreshed every BERTH_CATALOG_REFRESH_MINUTES). A failure is recorded on the source; its last good templates stay listed',
    request: { params: sid },
    responses: { 200: json(`{ source: ${view} }`), 404: err('No such source'), 502: err('The refresh failed; the cause is named'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/catalog/sources/{sid}',
    summary: 'Remove a source and its templates from the catalog (stacks launched from them keep running)',
    request: { params: sid },
    responses: { 200: json('{ ok, message }'), 404: err('No such source'), ...errors },
  });
}
