import { call } from '@/lib/api-client';
import type { NodeUpdate } from '@/lib/schemas/swarm';
import type { SwarmRole } from '@/lib/swarm-types';

export const swarmApi = {
  environment: (id: string) => call('GET /api/v1/hosts/{id}/swarm', { id }).then((r) => r.swarm),
  nodes: (id: string) => call('GET /api/v1/hosts/{id}/swarm/nodes', { id }).then((r) => r.nodes),
  tokens: (id: string) => call('GET /api/v1/hosts/{id}/swarm/tokens', { id }).then((r) => r.tokens),
  rotate: (id: string, role: SwarmRole) => call('POST /api/v1/hosts/{id}/swarm/tokens', { id }, { role }).then((r) => r.tokens),
  update: (id: string, nid: string, input: NodeUpdate) => call('PATCH /api/v1/hosts/{id}/swarm/nodes/{nid}', { id, nid }, input),
  remove: (id: string, nid: string) => call('DELETE /api/v1/hosts/{id}/swarm/nodes/{nid}', { id, nid }),
};
