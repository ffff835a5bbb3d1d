import type Docker from 'dockerode';
import { type NetworkConnect, type NetworkCreate, type NetworkDisconnect, parseCidr, PREDEFINED_NETWORKS } from '@/lib/schemas/networks';
import type { NetworkSummary } from '@/lib/types';
import { BerthError, conflict, notFound } from '../errors';
import { bodyOnly, call } from './call';
import { type Engine, type HostEngine, withTimeout } from './connect';
import { inspectContainer } from './containers';
import { engineError } from './engine-errors';
import { describeUsers } from './images';
import { MANAGED_LABEL, rawContainers, rawUse } from './volumes';

const READ_TIMEOUT_MS = 15_000;
const WRITE_TIMEOUT_MS = 60_000;

type Attached = NetworkSummary['containers'][number];

/**
 * Engine errors, with one change: the Engine answers 403 for requests that clash with what exists (overlapping
 * address pools, an endpoint already there, a predefined network), which is a conflict, not an authorization failure.
 */
function engineFailure(e: unknown, engine: Engine): BerthError {
  const err = engineError(e, engine.target);
  if ((e as { statusCode?: number })?.statusCode === 403) return conflict(err.message.replace(/^Docker on .*? refused: /, ''));
  return err;
}

/**
 * call() from ./call with its deadline, but a 403 (the Engine's refusal to touch a predefined network) said as a
 * conflict: that needs the raw status code, which call() has already turned into a kind.
 */
async function networkCall<T>(engine: Engine, run: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  try {
    return await withTimeout(ms, run);
  } catch (e) {
    throw engineFailure(e, engine);
  }
}

export const isPredefined = (name: string) => (PREDEFINED_NETWORKS as readonly string[]).includes(name);

/** Containers per network id, from the list's NetworkSettings: stopped containers keep their attachments. */
export function attachedByNetwork(containers: Docker.ContainerInfo[]): Map<string, Attached[]> {
  const m = new Map<string, Attached[]>();
  for (const c of containers) {
    for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
      if (!n.NetworkID) continue;
      m.set(n.NetworkID, [...(m.get(n.NetworkID) ?? []), { ...rawUse(c), ipAddress: n.IPAddress || null }]);
    }
  }
  return m;
}

export function toNetwork(hostId: string, n: Docker.NetworkInspectInfo, attached: Attached[]): NetworkSummary {
  return {
    hostId,
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    created: n.Created,
    internal: Boolean(n.Internal),
    attachable: Boolean(n.Attachable),
    ingress: Boolean(n.Ingress),
    ipv6: Boolean(n.EnableIPv6),
    ipam: (n.IPAM?.Config ?? []).map((c) => ({ subnet: c.Subnet || null, gateway: c.Gateway || null, ipRange: c.IPRange || null })),
    labels: n.Labels ?? {},
    options: n.Options ?? {},
    predefined: isPredefined(n.Name),
    containers: [...attached].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function listNetworks({ engine, id: hostId }: HostEngine): Promise<NetworkSummary[]> {
  const [raw, containers] = await Promise.all([
    networkCall(engine, (abortSignal) => engine.docker.listNetworks({ abortSignal }), READ_TIMEOUT_MS),
    rawContainers(engine),
  ]);
  const attached = attachedByNetwork(containers);
  return raw.map((n) => toNetwork(hostId, n, attached.get(n.Id) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
}

/** Networks as the Engine lists them, for the compose steps (which read labels and names). */
export function rawNetworks(engine: Engine, filters?: Record<string, string[]>): Promise<Docker.NetworkInspectInfo[]> {
  return call(
    engine,
    (abortSignal) => engine.docker.listNetworks({ filters: filters ? JSON.stringify(filters) : undefined, abortSignal } as Docker.NetworkListOptions),
    READ_TIMEOUT_MS,
  );
}

/** Creates a network from Engine options as given (a stack's networks, with their compose labels); its id. */
export async function createRawNetwork(engine: Engine, opts: Docker.NetworkCreateOptions): Promise<string> {
  const n = await call(
    engine,
    (abortSignal) => engine.docker.createNetwork({ ...bodyOnly(opts), abortSignal } as object as Docker.NetworkCreateOptions),
    WRITE_TIMEOUT_MS,
  );
  return n.id;
}

/** Removes a network without the checks of removeNetwork: for callers that removed its containers themselves. */
export async function removeRawNetwork(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getNetwork(id).remove({ abortSignal }), 30_000);
}

/** Connects a container to a network with an endpoint config as given (aliases, links, static addresses). */
export async function connectEndpoint(engine: Engine, network: string, containerId: string, endpoint?: object): Promise<void> {
  await call(
    engine,
    (abortSignal) =>
      engine.docker.getNetwork(network).connect({ Container: containerId, EndpointConfig: endpoint, abortSignal } as Docker.NetworkConnectOptions),
    WRITE_TIMEOUT_MS,
  );
}

async function readNetwork(engine: Engine, ref: string): Promise<Docker.NetworkInspectInfo> {
  try {
    return await withTimeout(READ_TIMEOUT_MS, () => engine.docker.getNetwork(ref).inspect());
  } catch (e) {
    const err = engineFailure(e, engine);
    if (err.kind === 'not_found') throw notFound(`No network "${ref}" on this host: it may have been removed`);
    throw err;
  }
}

async function attachedTo(engine: Engine, id: string): Promise<Attached[]> {
  // The "network" filter matches names and id prefixes too; keep only attachments to this very network.
  return attachedByNetwork(await rawContainers(engine, { network: [id] })).get(id) ?? [];
}

export async function inspectNetwork({ engine, id: hostId }: HostEngine, ref: string): Promise<NetworkSummary> {
  const n = await readNetwork(engine, ref);
  return toNetwork(hostId, n, await attachedTo(engine, n.Id));
}

export async function createNetwork({ engine, id: hostId }: HostEngine, input: NetworkCreate): Promise<NetworkSummary> {
  const existing = await readNetwork(engine, input.name).catch(() => null);
  if (existing && existing.Name === input.name)
    throw conflict(`A network named ${input.name} already exists on this host (driver ${existing.Driver}): choose another name`);
  if (input.driver === 'overlay') {
    const info = (await networkCall(engine, () => engine.docker.info(), READ_TIMEOUT_MS)) as {
      Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
    };
    if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) {
      throw conflict('Overlay networks need swarm mode and this host is not a swarm manager: run "docker swarm init" on it, or choose the bridge driver');
    }
  }
  const ipv6 = input.subnet ? parseCidr(input.subnet)?.family === 6 : false;
  const created = await networkCall(
    engine,
    (abortSignal) =>
      engine.docker.createNetwork({
        ...bodyOnly({
          Name: input.name,
          CheckDuplicate: true,
          Driver: input.driver,
          Internal: input.internal,
          Attachable: input.attachable,
          EnableIPv6: ipv6 || undefined,
          IPAM: input.subnet ? { Driver: 'default', Config: [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] } : undefined,
          Options: input.parent ? { parent: input.parent } : undefined,
          Labels: { ...input.labels, [MANAGED_LABEL]: 'true' },
        }),
        abortSignal,
      } as object as Docker.NetworkCreateOptions),
    WRITE_TIMEOUT_MS,
  );
  return toNetwork(hostId, await readNetwork(engine, created.id), []);
}

export async function removeNetwork(engine: Engine, ref: string): Promise<{ ok: true; message: string }> {
  const n = await readNetwork(engine, ref);
  if (isPredefined(n.Name)) {
    throw conflict(`Network ${n.Name} is one of the Engine's predefined networks (bridge, host, none) and cannot be removed`);
  }
  const attached = await attachedTo(engine, n.Id);
  if (attached.length) {
    throw conflict(
      `Network ${n.Name} has ${describeUsers(attached)} attached: disconnect ${attached.length === 1 ? 'it' : 'them'} (or remove ${attached.length === 1 ? 'it' : 'them'}) first`,
    );
  }
  await networkCall(engine, (abortSignal) => engine.docker.getNetwork(n.Id).remove({ abortSignal }), WRITE_TIMEOUT_MS);
  return { ok: true, message: `Removed network ${n.Name}` };
}

export async function connectContainer(host: HostEngine, ref: string, input: NetworkConnect): Promise<{ ok: true; message: string }> {
  const { engine } = host;
  const n = await readNetwork(engine, ref);
  const c = await inspectContainer(host, input.container);
  if (c.networks.some((x) => x.name === n.Name)) throw conflict(`Container ${c.name} is already connected to network ${n.Name}`);
  await networkCall(
    engine,
    (abortSignal) =>
      engine.docker.getNetwork(n.Id).connect({
        Container: c.id,
        EndpointConfig: input.aliases.length ? { Aliases: input.aliases } : undefined,
        abortSignal,
      } as Docker.NetworkConnectOptions),
    WRITE_TIMEOUT_MS,
  );
  const aliases = input.aliases.length ? ` with ${input.aliases.length === 1 ? 'alias' : 'aliases'} ${input.aliases.join(', ')}` : '';
  return { ok: true, message: `Connected container ${c.name} to network ${n.Name}${aliases}` };
}

export async function disconnectContainer(host: HostEngine, ref: string, input: NetworkDisconnect): Promise<{ ok: true; message: string }> {
  const { engine } = host;
  const n = await readNetwork(engine, ref);
  const c = await inspectContainer(host, input.container);
  if (!c.networks.some((x) => x.name === n.Name)) throw conflict(`Container ${c.name} is not connected to network ${n.Name}`);
  await networkCall(
    engine,
    (abortSignal) => engine.docker.getNetwork(n.Id).disconnect({ Container: c.id, Force: input.force, abortSignal } as Docker.NetworkConnectOptions),
    WRITE_TIMEOUT_MS,
  );
  return { ok: true, message: `Disconnected container ${c.name} from network ${n.Name}` };
}
