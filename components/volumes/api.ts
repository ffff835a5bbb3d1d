import { hostPath, type Message, request } from '@/components/images/api';
import type { VolumeCreate } from '@/lib/schemas/volumes';
import type { PruneResult, VolumeSummary } from '@/lib/types';

export const volumesApi = {
  list: (hostId: string) => request<{ volumes: VolumeSummary[] }>('GET', hostPath(hostId, 'volumes')).then((r) => r.volumes),
  /** the same list with sizes measured by the Engine (docker system df): slow on big hosts, so only on request */
  listWithSizes: (hostId: string) => request<{ volumes: VolumeSummary[] }>('GET', hostPath(hostId, 'volumes?sizes=1')).then((r) => r.volumes),
  create: (hostId: string, input: VolumeCreate) => request<{ volume: VolumeSummary }>('POST', hostPath(hostId, 'volumes'), input).then((r) => r.volume),
  remove: (hostId: string, name: string) => request<Message>('DELETE', hostPath(hostId, `volumes/${encodeURIComponent(name)}`)),
  prune: (hostId: string) => request<PruneResult>('POST', hostPath(hostId, 'volumes/prune'), {}),
};
