import { ApiError, request } from '@/lib/api-client';
import type { PullInput } from '@/lib/schemas/pull';
import type { TaskView } from '@/lib/types';
import { hostPath } from './api';

export interface BuildForm {
  file: File;
  tag?: string;
  target?: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
}

export const taskApi = {
  pull: (hostId: string, input: PullInput) => request<{ task: TaskView }>('POST', hostPath(hostId, 'images/pull'), input).then((r) => r.task),
  /** Multipart upload, so it cannot go through request(); errors are read the same way. */
  build: async (hostId: string, form: BuildForm): Promise<TaskView> => {
    const body = new FormData();
    body.set('file', form.file);
    if (form.tag) body.set('tag', form.tag);
    if (form.target) body.set('target', form.target);
    if (form.dockerfile) body.set('dockerfile', form.dockerfile);
    if (form.buildArgs && Object.keys(form.buildArgs).length) body.set('buildArgs', JSON.stringify(form.buildArgs));
    let res: Response;
    try {
      res = await fetch(hostPath(hostId, 'images/build'), { method: 'POST', body });
    } catch (e) {
      throw new ApiError(`Could not reach the Berth server: ${(e as Error).message}`, 0, 'network');
    }
    const json = (await res.json().catch(() => null)) as { task?: TaskView; error?: { kind?: string; message?: string } } | null;
    if (!res.ok || !json?.task) throw new ApiError(json?.error?.message ?? `Upload failed: HTTP ${res.status}`, res.status, json?.error?.kind ?? 'http');
    return json.task;
  },
};
