import type { EnginePort, ServiceSpec } from '../swarm/service-spec';
import { call, READ_MS, WRITE_MS } from './call';
import type { Engine } from './connect';

/**
 * The Swarm service calls create and update need (issue #14 point 3), in the Engine's own shapes for server/swarm to
 * read: a service with its spec and version, tasks with their node and the host ports they hold.
 */

export interface RawService {
  ID: string;
  Version?: { Index: number };
  Spec: ServiceSpec;
  Endpoint?: { Ports?: EnginePort[] };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

export interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; PortStatus?: { Ports?: EnginePort[] } };
}

export async function createRawService(engine: Engine, spec: ServiceSpec): Promise<string> {
  const svc = await call(engine, (abortSignal) => engine.docker.createService({ _body: spec, abortSignal } as object), WRITE_MS);
  return (svc as { id: string }).id;
}

export async function inspectRawService(engine: Engine, ref: string): Promise<RawService> {
  return (await call(engine, (abortSignal) => engine.docker.getService(ref).inspect({ abortSignal } as object))) as RawService;
}

/** Updates at the version read; the Engine refuses with "update out of sequence" if the service changed since. */
export async function updateRawService(engine: Engine, id: string, version: number, spec: ServiceSpec): Promise<{ Warnings?: string[] | null }> {
  return (await call(engine, (abortSignal) => engine.docker.getService(id).update({ _query: { version }, _body: spec, abortSignal } as object), WRITE_MS)) as {
    Warnings?: string[] | null;
  };
}

export async function listRawServices(engine: Engine, filters: Record<string, string[]> = {}): Promise<RawService[]> {
  return (await call(engine, (abortSignal) => engine.docker.listServices({ filters, abortSignal } as object), READ_MS)) as unknown as RawService[];
}

export async function listRawTasks(engine: Engine, filters: Record<string, string[]> = {}): Promise<RawTask[]> {
  return (await call(engine, (abortSignal) => engine.docker.listTasks({ filters, abortSignal } as object), READ_MS)) as unknown as RawTask[];
}
