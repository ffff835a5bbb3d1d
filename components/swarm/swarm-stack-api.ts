import { call } from '@/lib/api-client';

const enc = encodeURIComponent;

export const swarmStackApi = {
  list: (id: string) => call('GET /api/v1/hosts/{id}/swarm/stacks', { id }).then((r) => r.stacks),
  get: (id: string, name: string) => call('GET /api/v1/hosts/{id}/swarm/stacks/{name}', { id, name }).then((r) => r.stack),
  /** env / privateFiles undefined: those kept from the last deploy */
  plan: (id: string, name: string, compose: string, env?: string, privateFiles?: Record<string, string>) =>
    call('POST /api/v1/hosts/{id}/swarm/stacks/{name}/plan', { id, name }, { compose, env, privateFiles }).then((r) => r.plan),
  deploy: (id: string, name: string, compose: string, env?: string, privateFiles?: Record<string, string>) =>
    call('POST /api/v1/hosts/{id}/swarm/stacks', { id }, { name, compose, env, privateFiles }),
  remove: (id: string, name: string) => call('DELETE /api/v1/hosts/{id}/swarm/stacks/{name}', { id, name }),
  exportHref: (id: string, name: string) => `/api/v1/hosts/${enc(id)}/swarm/stacks/${enc(name)}/export`,
  href: (id: string, name: string) => `/hosts/${enc(id)}/swarm/stacks/${enc(name)}`,
  newHref: (id: string) => `/hosts/${enc(id)}/swarm/stacks/new`,
};

/** How often a stack's task counts are read while shown (tasks starting have no events Berth follows). */
export const STACK_POLL_MS = 3000;
