import { enc, hostPath, request } from '@/components/images/api';
import type { Launch, LaunchInput } from '@/lib/schemas/launch';
import type { ContainerDetail } from '@/lib/types';

export const launchApi = {
  launch: (hostId: string, input: LaunchInput) => request<{ container: ContainerDetail; pulled: boolean }>('POST', hostPath(hostId, 'containers'), input),
  recreate: (hostId: string, cid: string, input: LaunchInput) =>
    request<{ container: ContainerDetail }>('POST', hostPath(hostId, `containers/${enc(cid)}/recreate`), input).then((r) => r.container),
  launchInput: (hostId: string, cid: string, mode: 'duplicate' | 'recreate') =>
    request<{ launch: Launch }>('GET', hostPath(hostId, `containers/${enc(cid)}/launch-input?mode=${mode}`)).then((r) => r.launch),
};
