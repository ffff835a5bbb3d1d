import type { SwarmEnvironment, SwarmNode } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { listSwarmNodes, type RawSwarmInfo, swarmInfo } from '../docker/swarm';
import { conflict, isBerthError, unreachable } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { ipvsCheck } from './ipvs';
import { assessQuorum, leaderlessQuorum, NO_LEADER } from './quorum';

/** What a host that is not a manager says about its swarm state, in words naming what to do. */
function notManager(name: string, s: RawSwarmInfo): Exclude<SwarmEnvironment, { state: 'manager' }> {
  const managerAddrs = (s.RemoteManagers ?? []).map((m) => m.Addr).sort();
  switch (s.LocalNodeState) {
    case 'active':
      return {
        state: 'worker',
        nodeId: s.NodeID ?? '',
        managerAddrs,
        message: `Host ${name} is a swarm worker: the swarm is managed from its managers${managerAddrs.length ? ` (${managerAddrs.join(', ')})` : ''}. Register a manager to see and change the swarm.`,
      };
    case 'locked':
      return { state: 'none', message: `Host ${name} is in a locked swarm: unlock it with "docker swarm unlock" on that host` };
    case 'pending':
      return { state: 'none', message: `Host ${name} is still joining a swarm: try again in a moment` };
    case 'error':
      return { state: 'none', message: `Host ${name}'s swarm is in error: ${s.Error || 'the Engine gives no reason'}` };
    default:
      return { state: 'none', message: `Host ${name} is not in a swarm: run "docker swarm init" on it to start one, or "docker swarm join" to join one` };
  }
}

/** The runtime of a host that is a swarm manager, or a conflict saying what the host is instead. */
export async function managerOf(b: Berth, hostId: string): Promise<{ host: HostRuntime; info: RawSwarmInfo }> {
  const host = b.fleet.reachable(hostId);
  const info = await swarmInfo(host.engine);
  if (info.LocalNodeState === 'active' && info.ControlAvailable) {
    if (NO_LEADER.test(info.Error ?? '')) throw noLeader(host.record.name);
    return { host, info };
  }
  throw conflict(notManager(host.record.name, info).message);
}

/** A manager without a leader can read and change nothing of its swarm: said in words, not as the Engine's 503. */
const noLeader = (name: string) =>
  unreachable(
    `The swarm of host ${name} has no leader (quorum is lost): nothing in it can be read or changed until enough managers are back: start the stopped managers again.`,
  );

/** The Engine's refusal for want of a leader, turned into words; anything else is passed on. */
export function leaderless<T>(name: string, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    throw isBerthError(e) && NO_LEADER.test(e.message) ? noLeader(name) : e;
  });
}

/** The environment view: the swarm's id, nodes, leader, quorum and whether the routing mesh can work here. */
export async function swarmEnvironment(b: Berth, hostId: string): Promise<SwarmEnvironment> {
  const host = b.fleet.reachable(hostId);
  const s = await swarmInfo(host.engine);
  return environmentOf(b, host, s, () => listSwarmNodes(host, s.NodeID ?? ''));
}

/**
 * The environment from a reading of /info already made, and the swarm's nodes (asked only of a manager with a
 * leader): the Swarm page's first screen reads /info and the nodes once for both the environment and the node list.
 */
export async function environmentOf(b: Berth, host: HostRuntime, s: RawSwarmInfo, readNodes: () => Promise<SwarmNode[]>): Promise<SwarmEnvironment> {
  if (s.LocalNodeState !== 'active' || !s.ControlAvailable) return notManager(host.record.name, s);
  const ipvs = ipvsCheck(b, host);
  let nodes;
  try {
    if (NO_LEADER.test(s.Error ?? '')) throw new Error(s.Error);
    nodes = await readNodes();
  } catch (e) {
    // Quorum lost: the page shows the cluster as far as this manager knows it, and what to do, not an error.
    if (!NO_LEADER.test((e as Error)?.message ?? '')) throw e;
    return {
      ...clusterOf(s),
      leader: null,
      nodes: s.Nodes ?? 0,
      workers: Math.max(0, (s.Nodes ?? 0) - (s.Managers ?? 0)),
      quorum: leaderlessQuorum((s.RemoteManagers ?? []).length || (s.Managers ?? 0)),
      ipvs: await ipvs,
    };
  }
  const managers = nodes.filter((n) => n.role === 'manager');
  const leader = managers.find((n) => n.leader);
  return {
    ...clusterOf(s),
    leader: leader ? { id: leader.id, hostname: leader.hostname, addr: leader.managerAddr ?? leader.addr } : null,
    nodes: nodes.length,
    workers: nodes.length - managers.length,
    quorum: assessQuorum(managers.length, managers.filter((n) => n.reachability === 'reachable').length),
    ipvs: await ipvs,
  };
}

const clusterOf = (s: RawSwarmInfo) => ({
  state: 'manager' as const,
  id: s.Cluster?.ID ?? '',
  createdAt: s.Cluster?.CreatedAt ?? '',
  updatedAt: s.Cluster?.UpdatedAt ?? '',
  nodeId: s.NodeID ?? '',
  nodeAddr: s.NodeAddr ?? '',
});
