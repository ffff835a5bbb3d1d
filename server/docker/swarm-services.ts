import type { Readable } from 'node:stream';
import type { ServiceDetail, ServiceMode, ServicePort, ServiceSummary, ServiceUpdate } from '@/lib/swarm-types';
import type { Engine } from './connect';
import { rawNetworks } from './networks';
import { type EngineService, listServices, type RawTask } from './service-calls';
import type { EnginePort } from '../swarm/service-spec';
import { dialStream } from './stream';
import { listRawNodes } from './swarm';

/**
 * Swarm services as the Services list and a service's page show them (issue #14 point 3): the Engine's service
 * reshaped, the node and network names its tasks and spec refer to, and /services/{id}/logs (its opening bounded, as
 * for container logs). The /services and /tasks calls themselves are service-calls.ts's.
 */

export interface RawServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string; Command?: string[]; Args?: string[]; TTY?: boolean };
    Placement?: { Constraints?: string[] };
    RestartPolicy?: { Condition?: string };
    Networks?: { Target: string }[];
    ForceUpdate?: number;
  };
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: object;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: object;
  };
  UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Order?: string };
  EndpointSpec?: { Mode?: string; Ports?: EnginePort[] };
  [k: string]: unknown;
}

export type RawService = EngineService<RawServiceSpec>;
export type { RawTask };

/** Every service, for the list's shared reading (service-snapshot.ts). */
export const listRawServices = (engine: Engine): Promise<RawService[]> => listServices<RawServiceSpec>(engine);

export function serviceMode(spec: RawServiceSpec): ServiceMode {
  const m = spec.Mode ?? {};
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

/** The image as the user named it: the digest Swarm pins (name:tag@sha256:…) is left out. */
export const imageName = (image: string | undefined) => (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');

function ports(s: RawService): ServicePort[] {
  // Endpoint.Ports has the ports the Engine assigned (ingress with no published port); the spec's, the ones asked for.
  const raw = s.Endpoint?.Ports?.length ? s.Endpoint.Ports : (s.Spec.EndpointSpec?.Ports ?? []);
  return raw.map((p) => ({ protocol: p.Protocol ?? 'tcp', target: p.TargetPort ?? 0, published: p.PublishedPort || null, mode: p.PublishMode ?? 'ingress' }));
}

function update(s: RawService): ServiceUpdate | null {
  const u = s.UpdateStatus;
  if (!u?.State) return null;
  return { state: u.State, message: u.Message ?? '', startedAt: u.StartedAt ?? null, completedAt: u.CompletedAt ?? null };
}

/** The counts come from the caller: one /tasks call serves every service of a list. */
export function toServiceSummary(s: RawService, counts: { running: number; desired: number }, pending: string | null): ServiceSummary {
  const labels = s.Spec.Labels ?? {};
  return {
    id: s.ID,
    name: s.Spec.Name,
    mode: serviceMode(s.Spec),
    image: imageName(s.Spec.TaskTemplate?.ContainerSpec?.Image),
    running: counts.running,
    desired: counts.desired,
    ports: ports(s),
    update: update(s),
    stack: labels['com.docker.stack.namespace'] ?? null,
    labels,
    canRollback: Boolean(s.PreviousSpec),
    pending,
    version: s.Version.Index,
    createdAt: s.CreatedAt,
    updatedAt: s.UpdatedAt,
  };
}

export function toServiceDetail(
  s: RawService,
  counts: { running: number; desired: number },
  pending: string | null,
  networkNames: Map<string, string>,
): ServiceDetail {
  const t = s.Spec.TaskTemplate ?? {};
  const u = s.Spec.UpdateConfig;
  return {
    ...toServiceSummary(s, counts, pending),
    replicas: serviceMode(s.Spec) === 'replicated' ? (s.Spec.Mode?.Replicated?.Replicas ?? 1) : null,
    command: [...(t.ContainerSpec?.Command ?? []), ...(t.ContainerSpec?.Args ?? [])],
    constraints: t.Placement?.Constraints ?? [],
    endpointMode: s.Spec.EndpointSpec?.Mode ?? 'vip',
    networks: (t.Networks ?? []).map((n) => networkNames.get(n.Target) ?? n.Target),
    updateConfig: u
      ? { parallelism: u.Parallelism ?? 1, delaySeconds: (u.Delay ?? 0) / 1e9, failureAction: u.FailureAction ?? 'pause', order: u.Order ?? 'stop-first' }
      : null,
    restartCondition: t.RestartPolicy?.Condition ?? null,
  };
}

/** Node ids to hostnames, for the task rows (one /nodes call). */
export async function nodeNames(engine: Engine): Promise<Map<string, string>> {
  return new Map((await listRawNodes(engine)).map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
}

/** Network ids to names (the spec names networks by id). */
export async function networkNames(engine: Engine): Promise<Map<string, string>> {
  return new Map((await rawNetworks(engine)).map((n) => [n.Id, n.Name]));
}

/**
 * Opens the Engine's log stream of a whole service: every task's lines, multiplexed like a non-TTY container's, each
 * after its timestamp with the details (node, service and task ids) that say whose line it is.
 */
export function openServiceLogStream(
  engine: Engine,
  id: string,
  o: { tail: number | 'all'; since?: string; follow: boolean },
  signal: AbortSignal,
): Promise<Readable> {
  const options: Record<string, string> = { stdout: '1', stderr: '1', timestamps: '1', details: '1', follow: o.follow ? '1' : '0', tail: String(o.tail) };
  if (o.since) options.since = o.since;
  return dialStream(
    engine,
    {
      path: `/services/${encodeURIComponent(id)}/logs`,
      options,
      statusCodes: { 200: true, 404: 'no such service', 500: 'server error', 503: 'node is not part of a swarm' },
    },
    signal,
  );
}
