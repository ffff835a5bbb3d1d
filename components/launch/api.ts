import { call } from '@/lib/api-client';
import type { LaunchInput } from '@/lib/schemas/launch';

export const launchApi = {
  launch: (id: string, input: LaunchInput) => call('POST /api/v1/hosts/{id}/containers', { id }, input),
  recreate: (id: string, cid: string, input: LaunchInput) =>
    call('POST /api/v1/hosts/{id}/containers/{cid}/recreate', { id, cid }, input).then((r) => r.container),
  launchInput: (id: string, cid: string, mode: 'duplicate' | 'recreate') =>
    call('GET /api/v1/hosts/{id}/containers/{cid}/launch-input', { id, cid, mode }).then((r) => r.launch),
};
