import type Docker from 'dockerode';
import type { NodeAvailability, SwarmNode, SwarmRole } from '@/lib/swarm-types';
import { call, READ_MS, WRITE_MS } from './call';
import type { Engine, HostEngine } from './connect';

/**
 * The Swarm calls (issue #14): /info's Swarm part, /swarm, /nodes, and token rotation, each with its deadline.
 * Nodes are reshaped into SwarmNode here; the cluster object comes back in the Engine's shape for server/swarm/ to
 * read its version and tokens (which never leave server/ except through the admin-only tokens route).
 */

export interface RawSwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID: string; Addr: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID: string; CreatedAt: string; UpdatedAt: string } | null;
}

export interface RawSwarm {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: Record<string, unknown>;
  JoinTokens: { Worker: string; Manager: string };
}

/** A node as /nodes answers it, the fields Berth reads. */
export interface RawNode {
  ID: string;
  Version?: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: { Role?: string; Availability?: string; Labels?: Record<string, string>; Name?: string };
  Description?: {
    Hostname?: string;
    Platform?: { OS?: string; Architecture?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

/** dockerode takes an abortSignal on these calls; its type definitions lag behind. */
interface WithSignal {
  info(o: { abortSignal: AbortSignal }): Promise<{ Swarm?: RawSwarmInfo }>;
  swarmInspect(o: { abortSignal: AbortSignal }): Promise<RawSwarm>;
}
const withSignal = (engine: Engine) => engine.docker as unknown as WithSignal;

/** The Swarm part of /info: whether this host is in a swarm, and as what. */
export async function swarmInfo(engine: Engine): Promise<RawSwarmInfo> {
  const info = (await call(engine, (abortSignal) => withSignal(engine).info({ abortSignal }))) ?? {};
  return info.Swarm ?? {};
}

/** /swarm: the cluster with its version and join tokens (a manager only). */
export function inspectSwarm(engine: Engine): Promise<RawSwarm> {
  return call(engine, (abortSignal) => withSignal(engine).swarmInspect({ abortSignal }));
}

/** Rotates one join token; the cluster's spec must be sent back as read, at its version. */
export async function rotateJoinToken(engine: Engine, swarm: RawSwarm, role: SwarmRole): Promise<void> {
  const flag = role === 'worker' ? 'rotateWorkerToken' : 'rotateManagerToken';
  await call(
    engine,
    (abortSignal) => engine.docker.swarmUpdate({ _query: { version: swarm.Version.Index, [flag]: true }, _body: swarm.Spec, abortSignal } as object),
    WRITE_MS,
  );
}

export function toSwarmNode(n: RawNode, selfId: string): SwarmNode {
  const d = n.Description ?? {};
  return {
    id: n.ID,
    hostname: d.Hostname ?? '',
    role: n.Spec.Role === 'manager' ? 'manager' : 'worker',
    availability: (n.Spec.Availability ?? 'active') as NodeAvailability,
    status: n.Status?.State ?? 'unknown',
    message: n.Status?.Message || null,
    leader: Boolean(n.ManagerStatus?.Leader),
    reachability: n.ManagerStatus?.Reachability ?? null,
    managerAddr: n.ManagerStatus?.Addr ?? null,
    engineVersion: d.Engine?.EngineVersion ?? '',
    addr: n.Status?.Addr ?? '',
    nanoCpus: d.Resources?.NanoCPUs ?? 0,
    memoryBytes: d.Resources?.MemoryBytes ?? 0,
    labels: n.Spec.Labels ?? {},
    os: d.Platform?.OS ?? '',
    arch: d.Platform?.Architecture ?? '',
    version: n.Version?.Index ?? 0,
    createdAt: n.CreatedAt ?? '',
    updatedAt: n.UpdatedAt ?? '',
    self: n.ID === selfId,
  };
}

/** Every node of the swarm, in the Engine's shape (the one /nodes call). */
export async function listRawNodes(engine: Engine): Promise<RawNode[]> {
  return (await call(engine, (abortSignal) => engine.docker.listNodes({ abortSignal }))) as RawNode[];
}

export async function listSwarmNodes({ engine }: HostEngine, selfId: string): Promise<SwarmNode[]> {
  return swarmNodesOf(await listRawNodes(engine), selfId);
}

/** Nodes as the page lists them: managers first, then by hostname. */
export const swarmNodesOf = (raw: RawNode[], selfId: string): SwarmNode[] =>
  raw.map((n) => toSwarmNode(n, selfId)).sort((a, b) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1));

/** One node with its spec as the Engine has it (an update sends the whole spec back). */
export async function inspectRawNode(engine: Engine, ref: string): Promise<RawNode> {
  return (await call(engine, (abortSignal) => engine.docker.getNode(ref).inspect({ abortSignal }))) as RawNode;
}

export async function updateRawNode(engine: Engine, id: string, version: number, spec: RawNode['Spec']): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getNode(id).update({ _query: { version }, _body: spec, abortSignal } as object), WRITE_MS);
}

export async function removeRawNode(engine: Engine, id: string, force: boolean): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getNode(id).remove({ _query: { force }, abortSignal } as object), WRITE_MS);
}

/** Images of the host, for picking one the probe container can run (nothing can be pulled for it). */
export function probeImages(engine: Engine): Promise<Docker.ImageInfo[]> {
  return call(engine, (abortSignal) => engine.docker.listImages({ abortSignal }), READ_MS);
}
