import { call } from '@/lib/api-client';
import type { VolumeCreate } from '@/lib/schemas/volumes';

export const volumesApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/volumes', { id }).then((r) => r.volumes),
  /** the same list with sizes measured by the Engine (docker system df): slow on big hosts, so only on request */
  listWithSizes: (id: string) => call('GET /api/v1/hosts/{id}/volumes', { id, sizes: 1 }).then((r) => r.volumes),
  create: (id: string, input: VolumeCreate) => call('POST /api/v1/hosts/{id}/volumes', { id }, input).then((r) => r.volume),
  remove: (id: string, name: string) => call('DELETE /api/v1/hosts/{id}/volumes/{name}', { id, name }),
  prune: (id: string) => call('POST /api/v1/hosts/{id}/volumes/prune', { id }, {}),
};
