import type { Readable } from 'node:stream';
import type { ServiceDetail, ServiceMode, ServicePort, ServiceSummary, ServiceUpdate } from '@/lib/swarm-types';
import { call, READ_MS, WRITE_MS } from './call';
import type { Engine } from './connect';
import { dialStream } from './stream';

/**
 * Swarm services and tasks (issue #14 point 3): /services, /services/{id}, /tasks, /services/{id}/update (scale,
 * rollback), DELETE /services/{id} and /services/{id}/logs, each bounded by `call` (the log stream's opening only, as
 * for container logs). Services are reshaped here; the spec comes back raw too, since an update sends it back whole.
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
  EndpointSpec?: { Mode?: string; Ports?: RawPort[] };
  [k: string]: unknown;
}

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawService {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec;
  Endpoint?: { Ports?: RawPort[] };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

export interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  CreatedAt: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status: { Timestamp: string; State: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

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

export async function listRawServices(engine: Engine): Promise<RawService[]> {
  return (await call(engine, (abortSignal) => engine.docker.listServices({ abortSignal } as object))) as unknown as RawService[];
}

export async function inspectRawService(engine: Engine, ref: string): Promise<RawService> {
  return (await call(engine, (abortSignal) => engine.docker.getService(ref).inspect({ abortSignal } as object))) as RawService;
}

/** /tasks, filtered (service, node, desired-state…): one call however many services are asked about. */
export async function listRawTasks(engine: Engine, filters: Record<string, string[]> = {}): Promise<RawTask[]> {
  return (await call(engine, (abortSignal) => engine.docker.listTasks({ filters, abortSignal } as object))) as unknown as RawTask[];
}

/** Node ids to hostnames, for the task rows (one /nodes call). */
export async function nodeNames(engine: Engine): Promise<Map<string, string>> {
  const raw = (await call(engine, (abortSignal) => engine.docker.listNodes({ abortSignal }))) as { ID: string; Description?: { Hostname?: string } }[];
  return new Map(raw.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
}

/** Network ids to names (the spec names networks by id). */
export async function networkNames(engine: Engine): Promise<Map<string, string>> {
  const raw = await call(engine, (abortSignal) => engine.docker.listNetworks({ abortSignal } as object), READ_MS);
  return new Map(raw.map((n) => [n.Id, n.Name]));
}

/**
 * One update of the service at the version it was read at. `rollback: true` asks the Engine to go back to the
 * previous spec (it then ignores the body's changes, but still wants the spec sent).
 */
export async function updateRawService(engine: Engine, s: RawService, spec: RawServiceSpec, o: { rollback?: boolean } = {}): Promise<string[]> {
  const query: Record<string, string | number> = { version: s.Version.Index };
  if (o.rollback) query.rollback = 'previous';
  const res = (await call(engine, (abortSignal) => engine.docker.getService(s.ID).update({ _query: query, _body: spec, abortSignal } as object), WRITE_MS)) as
    { Warnings?: string[] | null } | undefined;
  return res?.Warnings ?? [];
}

export async function removeRawService(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getService(id).remove({ abortSignal } as object), WRITE_MS);
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
