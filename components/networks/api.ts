import { hostPath, type Message, request } from '@/components/images/api';
import type { NetworkConnect, NetworkCreate, NetworkDisconnect } from '@/lib/schemas/networks';
import type { NetworkSummary } from '@/lib/types';

const one = (hostId: string, nid: string, rest = '') => hostPath(hostId, `networks/${encodeURIComponent(nid)}${rest}`);

export const networksApi = {
  list: (hostId: string) => request<{ networks: NetworkSummary[] }>('GET', hostPath(hostId, 'networks')).then((r) => r.networks),
  create: (hostId: string, input: NetworkCreate) => request<{ network: NetworkSummary }>('POST', hostPath(hostId, 'networks'), input).then((r) => r.network),
  remove: (hostId: string, nid: string) => request<Message>('DELETE', one(hostId, nid)),
  connect: (hostId: string, nid: string, input: NetworkConnect) => request<Message>('POST', one(hostId, nid, '/connect'), input),
  disconnect: (hostId: string, nid: string, input: NetworkDisconnect) => request<Message>('POST', one(hostId, nid, '/disconnect'), input),
};
