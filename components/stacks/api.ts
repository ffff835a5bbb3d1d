import { call } from '@/lib/api-client';
import type { BerthHealthSpec } from '@/lib/schemas/health';
import type { StackUpgrade } from '@/lib/schemas/stacks-upgrade';

const enc = encodeURIComponent;

export const stacksApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/stacks', { id }).then((r) => r.stacks),
  /** `stack`: the saved stack being edited, so env_file is checked against its uploaded folder */
  validate: (id: string, compose: string, env: string, stack?: string) => call('POST /api/v1/hosts/{id}/stacks/validate', { id }, { compose, env, stack }),
  create: (id: string, name: string, compose: string, env: string) => call('POST /api/v1/hosts/{id}/stacks', { id }, { name, compose, env }),
  get: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}', { id, name }).then((r) => r.stack),
  env: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}/env', { id, name }).then((r) => r.env),
  save: (id: string, name: string, compose: string, env: string) =>
    call('PUT /api/v1/hosts/{id}/stacks/{name}', { id, name }, { compose, env }).then((r) => r.stack),
  plan: (id: string, name: string, compose?: string, env?: string) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/plan', { id, name }, { compose, env }).then((r) => r.plan),
  deploy: (id: string, name: string, compose?: string, env?: string) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/deploy', { id, name }, { compose, env }).then((r) => r.operation),
  operation: (id: string, name: string, opId: string) =>
    call('GET /api/v1/hosts/{id}/stacks/{name}/operations/{opId}', { id, name, opId }).then((r) => r.operation),
  scale: (id: string, name: string, service: string, replicas: number) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/scale', { id, name }, { service, replicas }).then((r) => r.operation),
  /** `wait: false` answers at once with the operation, which the page then follows */
  action: (id: string, name: string, action: 'stop' | 'start' | 'restart' | 'down', removeVolumes = false, wait = true) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/{action}', { id, name, action }, { removeVolumes, wait }).then((r) => r.operation),
  versions: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}/versions', { id, name }).then((r) => r.versions),
  rollback: (id: string, name: string, version: number) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/rollback', { id, name }, { version }).then((r) => r.operation),
  adopt: (id: string, name: string) => call('POST /api/v1/hosts/{id}/stacks/{name}/adopt', { id, name }, {}),

  folder: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}/folder', { id, name }).then((r) => r.folder),
  /** the folder as a .tar / .tar.gz in "file", replacing the previous one */
  uploadFolder: (id: string, name: string, file: File) => {
    const body = new FormData();
    body.set('file', file);
    return call('POST /api/v1/hosts/{id}/stacks/{name}/folder', { id, name }, body).then((r) => r.folder);
  },
  removeFolder: (id: string, name: string) => call('DELETE /api/v1/hosts/{id}/stacks/{name}/folder', { id, name }),

  health: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}/health', { id, name }),
  saveHealth: (id: string, name: string, service: string, check: BerthHealthSpec | null) =>
    call('PUT /api/v1/hosts/{id}/stacks/{name}/health', { id, name }, { service, check }),

  pendingUpgrade: (id: string, name: string) => call('GET /api/v1/hosts/{id}/stacks/{name}/upgrade', { id, name }),
  startUpgrade: (id: string, name: string, input: Partial<StackUpgrade>) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/upgrade', { id, name }, input).then((r) => r.operation),
  /** `wait: false`: answers with the operation at once */
  finishUpgrade: (id: string, name: string) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/upgrade/finish', { id, name }, { wait: false }).then((r) => r.operation),
  rollbackUpgrade: (id: string, name: string) =>
    call('POST /api/v1/hosts/{id}/stacks/{name}/upgrade/rollback', { id, name }, { wait: false }).then((r) => r.operation),

  exportUrl: (id: string, name: string) => `/api/v1/hosts/${enc(id)}/stacks/${enc(name)}/export`,
  stackHref: (id: string, name: string) => `/stacks/${enc(id)}/${enc(name)}`,
};
