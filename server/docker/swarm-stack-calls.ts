import type { EngineServiceSpec, NetworkCreate, ObjectCreate } from '../swarm/stack-spec';
import { call, READ_MS, WRITE_MS } from './call';
import type { Engine } from './connect';

/**
 * The Engine calls a Swarm stack is deployed, listed, exported and removed with: services, overlay networks, secrets
 * and configs, each selected by the stack namespace label the CLI writes (`com.docker.stack.namespace`). The Engine's
 * own shapes come back; server/swarm/ reads them. Secret data is never read back (the Engine does not return it).
 */

export interface RawService {
  ID: string;
  Version: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: EngineServiceSpec;
  PreviousSpec?: EngineServiceSpec;
  UpdateStatus?: { State?: string; Message?: string };
}

export interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Status: { State: string; Message?: string; Err?: string; Timestamp?: string };
}

export interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

export interface RawObject {
  ID: string;
  Version: { Index: number };
  Spec: { Name: string; Labels?: Record<string, string> | null; Data?: string };
}

export type ObjectKind = 'secrets' | 'configs';

/** dockerode's typings lag behind these calls: the shapes it is used with here. */
interface Loose {
  listServices(o: object): Promise<RawService[]>;
  listTasks(o: object): Promise<RawTask[]>;
  listNetworks(o: object): Promise<RawNetwork[]>;
  listSecrets(o: object): Promise<RawObject[]>;
  listConfigs(o: object): Promise<RawObject[]>;
  createService(auth: undefined, o: object): Promise<{ id: string }>;
  createNetwork(o: object): Promise<{ id: string }>;
  createSecret(o: object): Promise<{ id: string }>;
  createConfig(o: object): Promise<{ id: string }>;
  getService(id: string): { inspect(o: object): Promise<RawService>; update(o: object): Promise<unknown>; remove(o: object): Promise<unknown> };
  getNetwork(id: string): { remove(o: object): Promise<unknown> };
  getSecret(id: string): { update(o: object): Promise<unknown>; remove(o: object): Promise<unknown> };
  getConfig(id: string): { update(o: object): Promise<unknown>; remove(o: object): Promise<unknown> };
}
const d = (engine: Engine) => engine.docker as unknown as Loose;

const byLabel = (label: string) => ({ filters: JSON.stringify({ label: [label] }) });
/** A filter for one stack's objects, or (no name) every object any stack made. */
export const stackLabel = (stack?: string) => (stack ? `com.docker.stack.namespace=${stack}` : 'com.docker.stack.namespace');

export const listServices = (engine: Engine, stack?: string) =>
  call(engine, (abortSignal) => d(engine).listServices({ ...byLabel(stackLabel(stack)), abortSignal }), READ_MS);

export const listTasks = (engine: Engine, serviceIds: string[]) =>
  serviceIds.length
    ? call(engine, (abortSignal) => d(engine).listTasks({ filters: JSON.stringify({ service: serviceIds }), abortSignal }), READ_MS)
    : Promise.resolve([] as RawTask[]);

export const inspectService = (engine: Engine, id: string) => call(engine, (abortSignal) => d(engine).getService(id).inspect({ abortSignal }));

export async function createService(engine: Engine, spec: EngineServiceSpec): Promise<string> {
  const s = await call(engine, (abortSignal) => d(engine).createService(undefined, { _body: spec, abortSignal }), WRITE_MS);
  return s.id;
}

export async function updateService(engine: Engine, id: string, version: number, spec: EngineServiceSpec): Promise<void> {
  await call(engine, (abortSignal) => d(engine).getService(id).update({ _query: { version }, _body: spec, abortSignal }), WRITE_MS);
}

export async function removeService(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => d(engine).getService(id).remove({ abortSignal }), WRITE_MS);
}

export const listStackNetworks = (engine: Engine, stack?: string) =>
  call(engine, (abortSignal) => d(engine).listNetworks({ ...byLabel(stackLabel(stack)), abortSignal }), READ_MS);

/** Networks by exact name (the Engine's name filter matches substrings). */
export async function networksNamed(engine: Engine, names: string[]): Promise<RawNetwork[]> {
  if (!names.length) return [];
  const all = await call(engine, (abortSignal) => d(engine).listNetworks({ filters: JSON.stringify({ name: names }), abortSignal }), READ_MS);
  return all.filter((n) => names.includes(n.Name));
}

export async function createNetwork(engine: Engine, n: NetworkCreate): Promise<string> {
  const body = { Name: n.Name, Driver: n.Driver, Labels: n.Labels, Options: n.Options, Internal: n.Internal, Attachable: n.Attachable, CheckDuplicate: true };
  return (await call(engine, (abortSignal) => d(engine).createNetwork({ _body: body, abortSignal }), WRITE_MS)).id;
}

export async function removeNetwork(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => d(engine).getNetwork(id).remove({ abortSignal }), WRITE_MS);
}

export function listObjects(engine: Engine, kind: ObjectKind, filter: { stack?: string; names?: string[] }): Promise<RawObject[]> {
  const filters = filter.names ? { name: filter.names } : { label: [stackLabel(filter.stack)] };
  const q = { filters: JSON.stringify(filters) };
  return call(
    engine,
    async (abortSignal) => {
      const all = await (kind === 'secrets' ? d(engine).listSecrets({ ...q, abortSignal }) : d(engine).listConfigs({ ...q, abortSignal }));
      return filter.names ? all.filter((o) => filter.names!.includes(o.Spec.Name)) : all;
    },
    READ_MS,
  );
}

export async function createObject(engine: Engine, kind: ObjectKind, o: ObjectCreate): Promise<string> {
  const body = { Name: o.Name, Labels: o.Labels, Data: o.Data };
  const made = await call(
    engine,
    (abortSignal) => (kind === 'secrets' ? d(engine).createSecret({ _body: body, abortSignal }) : d(engine).createConfig({ _body: body, abortSignal })),
    WRITE_MS,
  );
  return made.id;
}

/** Updates labels of a secret or config; the Engine refuses (and so this throws) when `Data` differs from what it holds. */
export async function updateObject(engine: Engine, kind: ObjectKind, id: string, version: number, o: ObjectCreate): Promise<void> {
  const body = { Name: o.Name, Labels: o.Labels, Data: o.Data };
  const target = kind === 'secrets' ? d(engine).getSecret(id) : d(engine).getConfig(id);
  await call(engine, (abortSignal) => target.update({ _query: { version }, _body: body, abortSignal }), WRITE_MS);
}

export async function removeObject(engine: Engine, kind: ObjectKind, id: string): Promise<void> {
  const target = kind === 'secrets' ? d(engine).getSecret(id) : d(engine).getConfig(id);
  await call(engine, (abortSignal) => target.remove({ abortSignal }), WRITE_MS);
}

/** Every network the manager knows (a stack's services name theirs by id in the spec the Engine keeps). */
export const listAllNetworks = (engine: Engine) => call(engine, (abortSignal) => d(engine).listNetworks({ abortSignal }), READ_MS);
