import type { SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import { call, WRITE_MS } from './call';
import type { Engine } from './connect';

/**
 * The Engine calls for swarm secrets and configs (issue #14 point 5), each bounded by `call`, and the two service
 * calls attaching one needs (a service's spec as read, and its update at that version). The Engine never answers
 * a secret's value (its Spec.Data is empty on inspect); a config's comes back base64 in Spec.Data.
 */

export interface RawSwarmObject {
  ID: string;
  Version?: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: { Name: string; Labels?: Record<string, string>; Data?: string };
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

export interface RawServiceForFiles {
  ID: string;
  Version?: { Index: number };
  Spec: RawServiceSpec;
}

/** dockerode's secret and config methods have the same shape under two names. */
interface ObjectCalls {
  list(o: { abortSignal: AbortSignal }): Promise<RawSwarmObject[]>;
  create(body: object): Promise<{ id?: string; ID?: string }>;
  get(id: string): { inspect(o: { abortSignal: AbortSignal }): Promise<RawSwarmObject>; remove(o: { abortSignal: AbortSignal }): Promise<unknown> };
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

export function listRawObjects(engine: Engine, kind: SwarmObjectKind): Promise<RawSwarmObject[]> {
  return call(engine, (abortSignal) => calls(engine, kind).list({ abortSignal }));
}

export function inspectRawObject(engine: Engine, kind: SwarmObjectKind, ref: string): Promise<RawSwarmObject> {
  return call(engine, (abortSignal) => calls(engine, kind).get(ref).inspect({ abortSignal }));
}

/**
 * Creates it; Data is base64 as the Engine takes it. Answers the new id. The spec goes as `_body` with an empty
 * `_query`: given plainly, dockerode would also write every field into the URL's query string, value included.
 */
export async function createRawObject(
  engine: Engine,
  kind: SwarmObjectKind,
  spec: { Name: string; Labels: Record<string, string>; Data: string },
): Promise<string> {
  const r = await call(engine, (abortSignal) => calls(engine, kind).create({ _query: {}, _body: spec, abortSignal }), WRITE_MS);
  return r.id ?? r.ID ?? '';
}

export async function removeRawObject(engine: Engine, kind: SwarmObjectKind, id: string): Promise<void> {
  await call(engine, (abortSignal) => calls(engine, kind).get(id).remove({ abortSignal }), WRITE_MS);
}

/** Every service, for the "used by" of each secret and config. */
export function listRawServices(engine: Engine): Promise<RawServiceForFiles[]> {
  return call(engine, (abortSignal) => engine.docker.listServices({ abortSignal } as object) as unknown as Promise<RawServiceForFiles[]>);
}

export function inspectRawService(engine: Engine, ref: string): Promise<RawServiceForFiles> {
  return call(engine, (abortSignal) => engine.docker.getService(ref).inspect({ abortSignal } as object) as unknown as Promise<RawServiceForFiles>);
}

/** Sends the whole spec back at the version it was read at (the Engine refuses an update out of sequence). */
export async function updateRawService(engine: Engine, id: string, version: number, spec: RawServiceSpec): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getService(id).update({ _query: { version }, _body: spec, abortSignal } as object), WRITE_MS);
}
