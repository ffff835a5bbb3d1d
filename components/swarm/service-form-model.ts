import { call } from '@/lib/api-client';
import type { ServiceCreateInput } from '@/lib/schemas/swarm-service';

/**
 * The service form's values: every field as the text a person edits (lists as text, numbers as text), so the one
 * schema (lib/schemas/swarm-service.ts) reads them exactly as the API does.
 */
type KV = { key: string; value: string };
type Rollout = { parallelism: string; delay: string; failureAction: string; monitor: string; maxFailureRatio: string; order: string };
export interface ServiceFormValues {
  name: string;
  image: string;
  command: string;
  entrypoint: string;
  workingDir: string;
  user: string;
  hostname: string;
  env: KV[];
  labels: KV[];
  mode: 'replicated' | 'global';
  replicas: string;
  constraints: string;
  preferences: string;
  ports: { target: string; published: string; protocol: string; mode: string }[];
  endpointMode: string;
  mounts: { type: string; source: string; target: string; readOnly: boolean; tmpfsSize: string }[];
  networks: { name: string; aliases: string }[];
  update: Rollout;
  rollback: Rollout;
  restart: { condition: string; delay: string; maxAttempts: string; window: string };
  resources: { cpuLimit: string; memoryLimit: string; cpuReservation: string; memoryReservation: string };
  healthcheck: { command: string; interval: string; timeout: string; startPeriod: string; retries: string };
  capAdd: string;
  capDrop: string;
  sysctls: KV[];
  privileges: { seccomp: string; appArmor: string; noNewPrivileges: boolean };
  init: boolean;
  readOnly: boolean;
  tty: boolean;
  stopGracePeriod: string;
}

const rollout = (failureAction: string): Rollout => ({ parallelism: '1', delay: '', failureAction, monitor: '', maxFailureRatio: '', order: 'stop-first' });

export const blankService = (): ServiceFormValues => ({
  name: '',
  image: '',
  command: '',
  entrypoint: '',
  workingDir: '',
  user: '',
  hostname: '',
  env: [],
  labels: [],
  mode: 'replicated',
  replicas: '1',
  constraints: '',
  preferences: '',
  ports: [],
  endpointMode: 'vip',
  mounts: [],
  networks: [],
  update: rollout('pause'),
  rollback: rollout('pause'),
  restart: { condition: 'any', delay: '', maxAttempts: '', window: '' },
  resources: { cpuLimit: '', memoryLimit: '', cpuReservation: '', memoryReservation: '' },
  healthcheck: { command: '', interval: '', timeout: '', startPeriod: '', retries: '' },
  capAdd: '',
  capDrop: '',
  sysctls: [],
  privileges: { seccomp: 'default', appArmor: 'default', noNewPrivileges: false },
  init: false,
  readOnly: false,
  tty: false,
  stopGracePeriod: '',
});

const text = (v: unknown) => (Array.isArray(v) ? v.join(' ') : v === undefined || v === null ? '' : String(v));

/** A value read from the API (GET …/update) → the form's values; what it lacks stays blank. */
export function toServiceFormValues(v: ServiceCreateInput): ServiceFormValues {
  const b = blankService();
  const h = v.healthcheck;
  return {
    ...b,
    ...(v as Partial<ServiceFormValues>),
    command: text(v.command),
    entrypoint: text(v.entrypoint),
    replicas: text(v.replicas),
    constraints: text(Array.isArray(v.constraints) ? v.constraints.join('\n') : v.constraints),
    preferences: text(Array.isArray(v.preferences) ? v.preferences.join('\n') : v.preferences),
    ports: (v.ports ?? []).map((p) => ({ target: text(p.target), published: text(p.published), protocol: p.protocol ?? 'tcp', mode: p.mode ?? 'ingress' })),
    mounts: (v.mounts ?? []).map((m) => ({
      type: m.type ?? 'volume',
      source: m.source ?? '',
      target: m.target,
      readOnly: Boolean(m.readOnly),
      tmpfsSize: m.tmpfsSize ?? '',
    })),
    networks: (v.networks ?? []).map((n) => ({ name: n.name, aliases: text(n.aliases) })),
    update: { ...b.update, ...(v.update as Partial<Rollout>) },
    rollback: { ...b.rollback, ...(v.rollback as Partial<Rollout>) },
    restart: { ...b.restart, ...(v.restart as object) },
    resources: { ...b.resources, ...(v.resources as object) },
    healthcheck: h
      ? { command: text(h.command), interval: h.interval ?? '', timeout: h.timeout ?? '', startPeriod: h.startPeriod ?? '', retries: text(h.retries) }
      : b.healthcheck,
    capAdd: text(v.capAdd),
    capDrop: text(v.capDrop),
    privileges: { ...b.privileges, ...(v.privileges as object) },
  };
}

export const serviceFormApi = {
  create: (id: string, input: ServiceCreateInput) => call('POST /api/v1/hosts/{id}/swarm/services', { id }, input),
  current: (id: string, sid: string) => call('GET /api/v1/hosts/{id}/swarm/services/{sid}/update', { id, sid }).then((r) => r.service),
  update: (id: string, sid: string, input: Omit<ServiceCreateInput, 'name'>) => call('POST /api/v1/hosts/{id}/swarm/services/{sid}/update', { id, sid }, input),
};
