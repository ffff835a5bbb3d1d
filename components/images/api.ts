import { request } from '@/lib/api-client';
import type { ImageDetail, ImageSummary, PruneResult, RemoveResult } from '@/lib/types';

export { request };

export const enc = encodeURIComponent;
export const hostPath = (hostId: string, rest: string) => `/api/v1/hosts/${enc(hostId)}/${rest}`;

export interface Message {
  ok: true;
  message: string;
}

export const imagesApi = {
  list: (hostId: string) => request<{ images: ImageSummary[] }>('GET', hostPath(hostId, 'images')).then((r) => r.images),
  get: (hostId: string, iid: string) => request<{ image: ImageDetail }>('GET', hostPath(hostId, `images/${enc(iid)}`)).then((r) => r.image),
  remove: (hostId: string, iid: string, opts: { ref?: string; force?: boolean }) => {
    const q = new URLSearchParams();
    if (opts.ref) q.set('ref', opts.ref);
    if (opts.force) q.set('force', 'true');
    return request<RemoveResult>('DELETE', hostPath(hostId, `images/${enc(iid)}${q.size ? `?${q}` : ''}`));
  },
  tag: (hostId: string, iid: string, ref: string) => request<Message & { ref: string }>('POST', hostPath(hostId, `images/${enc(iid)}/tag`), { ref }),
  prune: (hostId: string) => request<PruneResult>('POST', hostPath(hostId, 'images/prune'), {}),
};
