import { call } from '@/lib/api-client';

export const serviceApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/swarm/services', { id }).then((r) => r.services),
  get: (id: string, sid: string) => call('GET /api/v1/hosts/{id}/swarm/services/{sid}', { id, sid }).then((r) => r.service),
  tasks: (id: string, sid: string) => call('GET /api/v1/hosts/{id}/swarm/services/{sid}/tasks', { id, sid }).then((r) => r.tasks),
  scale: (id: string, sid: string, replicas: number) => call('POST /api/v1/hosts/{id}/swarm/services/{sid}/scale', { id, sid }, { replicas }),
  rollback: (id: string, sid: string) => call('POST /api/v1/hosts/{id}/swarm/services/{sid}/rollback', { id, sid }),
  remove: (id: string, sid: string) => call('DELETE /api/v1/hosts/{id}/swarm/services/{sid}', { id, sid }),
};

/**
 * Task states have no Engine events, so the Services views poll while they are open: one /services + one /tasks call
 * per host and second for the list, one /tasks (+ /nodes) per second for a service page. Service events refetch at once.
 */
export const TASK_POLL_MS = 1_000;
