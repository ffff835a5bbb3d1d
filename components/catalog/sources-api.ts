import { call } from '@/lib/api-client';
import type { CatalogSourceCreate } from '@/lib/schemas/catalog-sources';

export const catalogSourcesApi = {
  list: () => call('GET /api/v1/catalog/sources').then((r) => r.sources),
  create: (input: CatalogSourceCreate) => call('POST /api/v1/catalog/sources', {}, input).then((r) => r.source),
  refresh: (sid: string) => call('POST /api/v1/catalog/sources/{sid}/refresh', { sid }).then((r) => r.source),
  remove: (sid: string) => call('DELETE /api/v1/catalog/sources/{sid}', { sid }),
};
