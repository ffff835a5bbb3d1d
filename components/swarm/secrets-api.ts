import { call } from '@/lib/api-client';
import type { AttachInput, DetachInput, SwarmObjectCreate, SwarmObjectKind } from '@/lib/schemas/swarm-secrets';

/** The Swarm page's secrets and configs calls, by kind (the routes are the same under /secrets and /configs). */
export const secretsApi = {
  list: (id: string, kind: SwarmObjectKind) =>
    kind === 'secret'
      ? call('GET /api/v1/hosts/{id}/swarm/secrets', { id }).then((r) => r.secrets)
      : call('GET /api/v1/hosts/{id}/swarm/configs', { id }).then((r) => r.configs),
  create: (id: string, kind: SwarmObjectKind, input: SwarmObjectCreate): Promise<{ message: string }> =>
    kind === 'secret' ? call('POST /api/v1/hosts/{id}/swarm/secrets', { id }, input) : call('POST /api/v1/hosts/{id}/swarm/configs', { id }, input),
  remove: (id: string, kind: SwarmObjectKind, sid: string): Promise<{ message: string }> =>
    kind === 'secret' ? call('DELETE /api/v1/hosts/{id}/swarm/secrets/{sid}', { id, sid }) : call('DELETE /api/v1/hosts/{id}/swarm/configs/{sid}', { id, sid }),
  attach: (id: string, kind: SwarmObjectKind, sid: string, input: AttachInput): Promise<{ message: string }> =>
    kind === 'secret'
      ? call('POST /api/v1/hosts/{id}/swarm/secrets/{sid}/attach', { id, sid }, input)
      : call('POST /api/v1/hosts/{id}/swarm/configs/{sid}/attach', { id, sid }, input),
  detach: (id: string, kind: SwarmObjectKind, sid: string, input: DetachInput): Promise<{ message: string }> =>
    kind === 'secret'
      ? call('POST /api/v1/hosts/{id}/swarm/secrets/{sid}/detach', { id, sid }, input)
      : call('POST /api/v1/hosts/{id}/swarm/configs/{sid}/detach', { id, sid }, input),
  config: (id: string, sid: string) => call('GET /api/v1/hosts/{id}/swarm/configs/{sid}', { id, sid }).then((r) => r.config),
};
