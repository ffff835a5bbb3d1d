import type { SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import { bodyOnly, call, READ_MS, WRITE_MS } from './call';
import type { Engine } from './connect';
import type { EngineFilters, EngineService } from './service-calls';

/**
 * The one place Berth calls the Engine's swarm secret and config endpoints (issue #14 point 5, and Swarm stacks):
 * list (filtered), inspect, create, update (labels only) and remove, each bounded by `call`; and the shape of the
 * file references a service's spec holds. The Engine never answers a secret's value (its Spec.Data is empty on
 * inspect); a config's comes back base64 in Spec.Data.
 */

export interface RawSwarmObject {
  ID: string;
  Version: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: { Name: string; Labels?: Record<string, string> | null; Data?: string };
}

/** A secret's or config's spec as it is created or updated; Data is base64 as the Engine takes it. */
export interface SwarmObjectSpec {
  Name: string;
  Labels: Record<string, string>;
  Data: string;
}

/** One file reference in a ContainerSpec's Secrets or Configs. */
export interface RawFileRef {
  File?: { Name: string; UID: string; GID: string; Mode: number };
  SecretID?: string;
  SecretName?: string;
  ConfigID?: string;
  ConfigName?: string;
  Runtime?: unknown;
}

export interface RawServiceSpec {
  Name?: string;
  TaskTemplate?: { ContainerSpec?: { Secrets?: RawFileRef[]; Configs?: RawFileRef[] } & Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

export type RawServiceForFiles = EngineService<RawServiceSpec>;

/** dockerode's secret and config methods have the same shape under two names. */
interface ObjectCalls {
  list(o: object): Promise<RawSwarmObject[]>;
  create(body: object): Promise<{ id?: string; ID?: string }>;
  get(id: string): { inspect(o: object): Promise<RawSwarmObject>; update(o: object): Promise<unknown>; remove(o: object): Promise<unknown> };
}

function calls(engine: Engine, kind: SwarmObjectKind): ObjectCalls {
  const d = engine.docker as unknown as Record<string, (...a: unknown[]) => unknown>;
  const [list, create, get] = kind === 'secret' ? ['listSecrets', 'createSecret', 'getSecret'] : ['listConfigs', 'createConfig', 'getConfig'];
  return {
    list: (o) => d[list].call(engine.docker, o) as Promise<RawSwarmObject[]>,
    create: (body) => d[create].call(engine.docker, body) as Promise<{ id?: string; ID?: string }>,
    get: (id) => d[get].call(engine.docker, id) as ReturnType<ObjectCalls['get']>,
  };
}

/** Every secret (or config), or those the filters select (label, name; the name filter matches prefixes). */
export function listRawObjects(engine: Engine, kind: SwarmObjectKind, filters?: EngineFilters): Promise<RawSwarmObject[]> {
  return call(engine, (abortSignal) => calls(engine, kind).list(filters ? { filters, abortSignal } : { abortSignal }), READ_MS);
}

export function inspectRawObject(engine: Engine, kind: SwarmObjectKind, ref: string): Promise<RawSwarmObject> {
  return call(engine, (abortSignal) => calls(engine, kind).get(ref).inspect({ abortSignal }), READ_MS);
}

/** Creates it; Data is base64 as the Engine takes it (in the body only, see bodyOnly: it is the secret's value). Answers the new id. */
export async function createRawObject(engine: Engine, kind: SwarmObjectKind, spec: SwarmObjectSpec): Promise<string> {
  const r = await call(engine, (abortSignal) => calls(engine, kind).create({ ...bodyOnly(spec), abortSignal }), WRITE_MS);
  return r.id ?? r.ID ?? '';
}

export async function removeRawObject(engine: Engine, kind: SwarmObjectKind, id: string): Promise<void> {
  await call(engine, (abortSignal) => calls(engine, kind).get(id).remove({ abortSignal }), WRITE_MS);
}

/** Changes its labels at the version read; the Engine refuses (and so this throws) when `Data` differs from what it holds. */
export async function updateRawObject(engine: Engine, kind: SwarmObjectKind, id: string, version: number, spec: SwarmObjectSpec): Promise<void> {
  await call(engine, (abortSignal) => calls(engine, kind).get(id).update({ _query: { version }, _body: spec, abortSignal }), WRITE_MS);
}
