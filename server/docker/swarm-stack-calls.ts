import type { SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import type { EngineServiceSpec, NetworkCreate } from '../swarm/stack-spec';
import type { Engine } from './connect';
import { createRawNetwork, rawNetworks, removeRawNetwork } from './networks';
import { type EngineService, listServices, listTasks, type RawTask } from './service-calls';
import { listRawObjects, type RawSwarmObject } from './swarm-secrets';

/**
 * What a Swarm stack is deployed, listed, exported and removed with: its services, overlay networks, secrets and
 * configs, each selected by the stack namespace label the CLI writes (`com.docker.stack.namespace`). These compose the
 * calls service-calls.ts, swarm-secrets.ts and networks.ts make; the Engine's own shapes come back for server/swarm/
 * to read. Secret data is never read back (the Engine does not return it).
 */

export type RawService = EngineService<EngineServiceSpec>;
export type { RawTask };
export type RawObject = RawSwarmObject;

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

/** A compose file's top-level key for secrets and configs, and the Engine's kind of object under it. */
export type ObjectKind = 'secrets' | 'configs';
export const objectKind = (kind: ObjectKind): SwarmObjectKind => (kind === 'secrets' ? 'secret' : 'config');

/** A filter for one stack's objects, or (no name) every object any stack made. */
export const stackLabel = (stack?: string) => (stack ? `com.docker.stack.namespace=${stack}` : 'com.docker.stack.namespace');

export const listStackServices = (engine: Engine, stack?: string): Promise<RawService[]> =>
  listServices<EngineServiceSpec>(engine, { label: [stackLabel(stack)] });

/** The tasks of these services (none asked, no call). */
export const listStackTasks = (engine: Engine, serviceIds: string[]): Promise<RawTask[]> =>
  serviceIds.length ? listTasks(engine, { service: serviceIds }) : Promise.resolve([]);

export const listStackNetworks = (engine: Engine, stack?: string): Promise<RawNetwork[]> => rawNetworks(engine, { label: [stackLabel(stack)] });

/** Networks by exact name (the Engine's name filter matches substrings). */
export async function networksNamed(engine: Engine, names: string[]): Promise<RawNetwork[]> {
  if (!names.length) return [];
  return (await rawNetworks(engine, { name: names })).filter((n) => names.includes(n.Name));
}

/** Every network the manager knows (a stack's services name theirs by id in the spec the Engine keeps). */
export const listAllNetworks = (engine: Engine): Promise<RawNetwork[]> => rawNetworks(engine);

export function createNetwork(engine: Engine, n: NetworkCreate): Promise<string> {
  return createRawNetwork(engine, {
    Name: n.Name,
    Driver: n.Driver,
    Labels: n.Labels,
    Options: n.Options,
    Internal: n.Internal,
    Attachable: n.Attachable,
    CheckDuplicate: true,
  });
}

export const removeNetwork = (engine: Engine, id: string): Promise<void> => removeRawNetwork(engine, id);

/** One stack's secrets or configs, or those with these exact names (the Engine's name filter matches prefixes). */
export async function listStackObjects(engine: Engine, kind: ObjectKind, filter: { stack?: string; names?: string[] }): Promise<RawObject[]> {
  const { names } = filter;
  if (!names) return listRawObjects(engine, objectKind(kind), { label: [stackLabel(filter.stack)] });
  return (await listRawObjects(engine, objectKind(kind), { name: names })).filter((o) => names.includes(o.Spec.Name));
}
