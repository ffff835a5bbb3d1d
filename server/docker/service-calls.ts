import type { EnginePort } from '../swarm/service-spec';
import { call, READ_MS, WRITE_MS } from './call';
import type { Engine } from './connect';

/**
 * The one place Berth calls the Engine's Swarm service and task endpoints (issue #14 point 3): /services (listed with
 * filters, created, inspected, updated at a version, removed) and /tasks, each bounded by `call`. The Engine's own
 * shapes come back; each reader names the spec shape it reads (the services list, the form, a stack, the secrets and
 * configs a service mounts), since an update sends the whole spec back as it was read.
 */

export type EngineFilters = Record<string, string[]>;

export interface EngineService<Spec> {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: Spec;
  PreviousSpec?: Spec;
  /** the ports the Engine assigned (ingress with no published port); the spec has the ones asked for */
  Endpoint?: { Ports?: EnginePort[] };
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
  Status: {
    Timestamp: string;
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
    PortStatus?: { Ports?: EnginePort[] };
  };
}

/** dockerode's typings lag behind these calls: the shapes it is used with here. */
interface Loose {
  listServices(o: object): Promise<unknown[]>;
  listTasks(o: object): Promise<RawTask[]>;
  createService(auth: undefined, o: object): Promise<{ id: string }>;
  getService(id: string): { inspect(o: object): Promise<unknown>; update(o: object): Promise<unknown>; remove(o: object): Promise<unknown> };
}
const d = (engine: Engine) => engine.docker as unknown as Loose;

/** Every service, or those the filters select (label, name, id, mode); the name filter matches prefixes. */
export async function listServices<Spec>(engine: Engine, filters: EngineFilters = {}): Promise<EngineService<Spec>[]> {
  return (await call(engine, (abortSignal) => d(engine).listServices({ filters, abortSignal }), READ_MS)) as EngineService<Spec>[];
}

/** A service by id, id prefix or name. */
export async function inspectService<Spec>(engine: Engine, ref: string): Promise<EngineService<Spec>> {
  return (await call(engine, (abortSignal) => d(engine).getService(ref).inspect({ abortSignal }), READ_MS)) as EngineService<Spec>;
}

/**
 * Creates it and answers the new id. No registry auth is sent: given only options, dockerode would send them as the
 * X-Registry-Auth header, and the Engine keeps that header as the service's registry credentials.
 */
export async function createService(engine: Engine, spec: object): Promise<string> {
  const made = await call(engine, (abortSignal) => d(engine).createService(undefined, { _body: spec, abortSignal }), WRITE_MS);
  return made.id;
}

/**
 * Sends the whole spec back at the version it was read at; the Engine refuses with "update out of sequence" if the
 * service changed since. `rollback: true` asks for the previous spec instead (the Engine then ignores the body's
 * changes, but still wants the spec sent). Answers the Engine's warnings.
 */
export async function updateService(engine: Engine, id: string, version: number, spec: object, o: { rollback?: boolean } = {}): Promise<string[]> {
  const query: Record<string, string | number> = { version };
  if (o.rollback) query.rollback = 'previous';
  const res = (await call(engine, (abortSignal) => d(engine).getService(id).update({ _query: query, _body: spec, abortSignal }), WRITE_MS)) as
    { Warnings?: string[] | null } | undefined;
  return res?.Warnings ?? [];
}

/** Removes it; the Engine stops its tasks on their nodes. */
export async function removeService(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => d(engine).getService(id).remove({ abortSignal }), WRITE_MS);
}

/** /tasks, filtered (service, node, desired-state…): one call however many services are asked about. */
export function listTasks(engine: Engine, filters: EngineFilters = {}): Promise<RawTask[]> {
  return call(engine, (abortSignal) => d(engine).listTasks({ filters, abortSignal }), READ_MS);
}
