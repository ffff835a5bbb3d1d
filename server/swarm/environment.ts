import type { SwarmEnvironment } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { listSwarmNodes, type RawSwarmInfo, swarmInfo } from '../docker/swarm';
import { conflict } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { ipvsCheck } from './ipvs';
import { assessQuorum } from './quorum';

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
  if (info.LocalNodeState === 'active' && info.ControlAvailable) return { host, info };
  throw conflict(notManager(host.record.name, info).message);
}

/** The environment view: the swarm's id, nodes, leader, quorum and whether the routing mesh can work here. */
export async function swarmEnvironment(b: Berth, hostId: string): Promise<SwarmEnvironment> {
  const host = b.fleet.reachable(hostId);
  const s = await swarmInfo(host.engine);
  if (s.LocalNodeState !== 'active' || !s.ControlAvailable) return notManager(host.record.name, s);
  const [nodes, ipvs] = await Promise.all([listSwarmNodes(host, s.NodeID ?? ''), ipvsCheck(b, host)]);
  const managers = nodes.filter((n) => n.role === 'manager');
  const leader = managers.find((n) => n.leader);
  return {
    state: 'manager',
    id: s.Cluster?.ID ?? '',
    createdAt: s.Cluster?.CreatedAt ?? '',
    updatedAt: s.Cluster?.UpdatedAt ?? '',
    nodeId: s.NodeID ?? '',
    nodeAddr: s.NodeAddr ?? '',
    leader: leader ? { id: leader.id, hostname: leader.hostname, addr: leader.managerAddr ?? leader.addr } : null,
    nodes: nodes.length,
    workers: nodes.length - managers.length,
    quorum: assessQuorum(managers.length, managers.filter((n) => n.reachability === 'reachable').length),
    ipvs,
  };
}
