import { enc, hostPath, request } from '@/components/images/api';
import type { ComposeIssue, OperationView, StackDetail, StackPlan, StackSummary, StackVersionView } from '@/lib/compose-types';

const stackPath = (hostId: string, name: string, rest = '') => hostPath(hostId, `stacks/${enc(name)}${rest ? `/${rest}` : ''}`);

export const stacksApi = {
  list: (hostId: string) => request<{ stacks: StackSummary[] }>('GET', hostPath(hostId, 'stacks')).then((r) => r.stacks),
  /** `stack`: the saved stack being edited, so env_file is checked against its uploaded folder */
  validate: (hostId: string, compose: string, env: string, stack?: string) => request<{ ok: boolean; issues: ComposeIssue[] }>('POST', hostPath(hostId, 'stacks/validate'), { compose, env, stack }),
  create: (hostId: string, name: string, compose: string, env: string) => request<{ stack: { name: string } }>('POST', hostPath(hostId, 'stacks'), { name, compose, env }),
  get: (hostId: string, name: string) => request<{ stack: StackDetail }>('GET', stackPath(hostId, name)).then((r) => r.stack),
  env: (hostId: string, name: string) => request<{ env: string }>('GET', stackPath(hostId, name, 'env')).then((r) => r.env),
  save: (hostId: string, name: string, compose: string, env: string) => request<{ stack: StackDetail }>('PUT', stackPath(hostId, name), { compose, env }).then((r) => r.stack),
  plan: (hostId: string, name: string, compose?: string, env?: string) => request<{ plan: StackPlan }>('POST', stackPath(hostId, name, 'plan'), { compose, env }).then((r) => r.plan),
  deploy: (hostId: string, name: string, compose?: string, env?: string) => request<{ operation: OperationView }>('POST', stackPath(hostId, name, 'deploy'), { compose, env }).then((r) => r.operation),
  operation: (hostId: string, name: string, id: string) => request<{ operation: OperationView }>('GET', stackPath(hostId, name, `operations/${enc(id)}`)).then((r) => r.operation),
  scale: (hostId: string, name: string, service: string, replicas: number) => request<{ operation: OperationView }>('POST', stackPath(hostId, name, 'scale'), { service, replicas }).then((r) => r.operation),
  /** `wait: false` answers at once with the operation, which the page then follows */
  action: (hostId: string, name: string, action: 'stop' | 'start' | 'restart' | 'down', removeVolumes = false, wait = true) =>
    request<{ operation: OperationView }>('POST', stackPath(hostId, name, action), { removeVolumes, wait }).then((r) => r.operation),
  versions: (hostId: string, name: string) => request<{ versions: StackVersionView[] }>('GET', stackPath(hostId, name, 'versions')).then((r) => r.versions),
  rollback: (hostId: string, name: string, version: number) => request<{ operation: OperationView }>('POST', stackPath(hostId, name, 'rollback'), { version }).then((r) => r.operation),
  adopt: (hostId: string, name: string) => request<{ message: string }>('POST', stackPath(hostId, name, 'adopt'), {}),
  exportUrl: (hostId: string, name: string) => stackPath(hostId, name, 'export'),
  stackHref: (hostId: string, name: string) => `/stacks/${enc(hostId)}/${enc(name)}`,
};
