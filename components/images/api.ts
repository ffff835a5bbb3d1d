import { call } from '@/lib/api-client';

export const imagesApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/images', { id }).then((r) => r.images),
  get: (id: string, iid: string) => call('GET /api/v1/hosts/{id}/images/{iid}', { id, iid }).then((r) => r.image),
  remove: (id: string, iid: string, opts: { ref?: string; force?: boolean }) =>
    call('DELETE /api/v1/hosts/{id}/images/{iid}', { id, iid, ref: opts.ref, force: opts.force }),
  tag: (id: string, iid: string, ref: string) => call('POST /api/v1/hosts/{id}/images/{iid}/tag', { id, iid }, { ref }),
  prune: (id: string) => call('POST /api/v1/hosts/{id}/images/prune', { id }, {}),
};
