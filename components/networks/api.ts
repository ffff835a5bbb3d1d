import { call } from '@/lib/api-client';
import type { NetworkConnect, NetworkCreate, NetworkDisconnect } from '@/lib/schemas/networks';

export const networksApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/networks', { id }).then((r) => r.networks),
  create: (id: string, input: NetworkCreate) => call('POST /api/v1/hosts/{id}/networks', { id }, input).then((r) => r.network),
  remove: (id: string, nid: string) => call('DELETE /api/v1/hosts/{id}/networks/{nid}', { id, nid }),
  connect: (id: string, nid: string, input: NetworkConnect) => call('POST /api/v1/hosts/{id}/networks/{nid}/connect', { id, nid }, input),
  disconnect: (id: string, nid: string, input: NetworkDisconnect) => call('POST /api/v1/hosts/{id}/networks/{nid}/disconnect', { id, nid }, input),
};
