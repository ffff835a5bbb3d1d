import type { SwarmJoin, SwarmRole, SwarmTokens } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { inspectSwarm, type RawSwarm, rotateJoinToken } from '../docker/swarm';
import { managerOf } from './environment';
import { retryOutOfSequence } from './version';

/**
 * Join tokens: admin-only (the routes say why), asked for on purpose and never part of the environment view. They go
 * out in the response only: neither the request (which carries at most a role) nor the audit entry holds one.
 */
export async function swarmTokens(b: Berth, hostId: string): Promise<SwarmTokens> {
  const { host, info } = await managerOf(b, hostId);
  const swarm = await inspectSwarm(host.engine);
  const remotes = info.RemoteManagers ?? [];
  // This host's own address first: it is the manager the user is looking at.
  const managerAddrs = [...remotes]
    .sort((a, b) => Number(b.NodeID === info.NodeID) - Number(a.NodeID === info.NodeID) || a.Addr.localeCompare(b.Addr))
    .map((m) => m.Addr);
  if (!managerAddrs.length && info.NodeAddr) managerAddrs.push(`${info.NodeAddr}:2377`);
  return { managerAddrs, worker: join('worker', swarm, managerAddrs[0]), manager: join('manager', swarm, managerAddrs[0]) };
}

function join(role: SwarmRole, swarm: RawSwarm, addr: string | undefined): SwarmJoin {
  const token = role === 'worker' ? swarm.JoinTokens.Worker : swarm.JoinTokens.Manager;
  return { role, token, command: `docker swarm join --token ${token} ${addr ?? '<manager address>:2377'}` };
}

/** Replaces one join token: machines that joined keep their place; the old token stops working for new joins. */
export async function rotateToken(b: Berth, hostId: string, role: SwarmRole): Promise<SwarmTokens> {
  const { host } = await managerOf(b, hostId);
  await retryOutOfSequence(async () => rotateJoinToken(host.engine, await inspectSwarm(host.engine), role));
  return swarmTokens(b, hostId);
}
