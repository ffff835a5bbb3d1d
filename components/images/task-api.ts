import { call } from '@/lib/api-client';
import type { PullInput } from '@/lib/schemas/pull';

export interface BuildForm {
  file: File;
  tag?: string;
  target?: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
}

export const taskApi = {
  pull: (id: string, input: PullInput) => call('POST /api/v1/hosts/{id}/images/pull', { id }, input).then((r) => r.task),
  /** a multipart upload: the Dockerfile or context archive in "file", the options beside it */
  build: (id: string, form: BuildForm) => {
    const body = new FormData();
    body.set('file', form.file);
    if (form.tag) body.set('tag', form.tag);
    if (form.target) body.set('target', form.target);
    if (form.dockerfile) body.set('dockerfile', form.dockerfile);
    if (form.buildArgs && Object.keys(form.buildArgs).length) body.set('buildArgs', JSON.stringify(form.buildArgs));
    return call('POST /api/v1/hosts/{id}/images/build', { id }, body).then((r) => r.task);
  },
};
