import type { NodeUpdate } from '@/lib/schemas/swarm';
import type { SwarmNode } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { inspectRawNode, listSwarmNodes, removeRawNode, toSwarmNode, updateRawNode } from '../docker/swarm';
import { conflict, isBerthError, notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { leaderless, managerOf } from './environment';
import { retryOutOfSequence } from './version';

export async function getSwarmNodes(b: Berth, hostId: string): Promise<SwarmNode[]> {
  const { host, info } = await managerOf(b, hostId);
  return leaderless(host.record.name, listSwarmNodes(host, info.NodeID ?? ''));
}

async function readNode(host: HostRuntime, ref: string) {
  try {
    return await inspectRawNode(host.engine, ref);
  } catch (e) {
    if (isBerthError(e) && e.kind === 'not_found')
      throw notFound(`No node "${ref}" in the swarm of host ${host.record.name}: it may have been removed (the node list shows the ones there are)`);
    throw e;
  }
}

export async function getSwarmNode(b: Berth, hostId: string, ref: string): Promise<SwarmNode> {
  const { host, info } = await managerOf(b, hostId);
  return toSwarmNode(await readNode(host, ref), info.NodeID ?? '');
}

const lastManager = (n: SwarmNode, doing: string) =>
  conflict(
    `Node ${n.hostname} is the swarm's last manager: ${doing} it would leave the swarm with no manager, and nothing in it could be scheduled or changed. Promote another node to manager first.`,
  );

async function managerCount(host: HostRuntime, selfId: string): Promise<number> {
  return (await listSwarmNodes(host, selfId)).filter((n) => n.role === 'manager').length;
}

/** Availability, role and labels in one update of the node's spec, at the version it was read at. */
export async function updateSwarmNode(b: Berth, hostId: string, ref: string, input: NodeUpdate): Promise<{ node: SwarmNode; message: string }> {
  const { host, info } = await managerOf(b, hostId);
  const selfId = info.NodeID ?? '';
  const before = toSwarmNode(await readNode(host, ref), selfId);
  if (input.role === 'worker' && before.role === 'manager' && (await managerCount(host, selfId)) <= 1) throw lastManager(before, 'demoting');
  await retryOutOfSequence(async () => {
    const raw = await readNode(host, before.id);
    const labels = { ...(raw.Spec.Labels ?? {}) };
    for (const [k, v] of Object.entries(input.labels ?? {})) {
      if (v === null) delete labels[k];
      else labels[k] = v;
    }
    const spec = {
      ...raw.Spec,
      ...(input.availability ? { Availability: input.availability } : {}),
      ...(input.role ? { Role: input.role } : {}),
      Labels: labels,
    };
    await updateRawNode(host.engine, raw.ID, raw.Version?.Index ?? 0, spec);
  });
  const node = toSwarmNode(await readNode(host, before.id), selfId);
  return { node, message: describeChange(before, input) };
}

function describeChange(n: SwarmNode, input: NodeUpdate): string {
  const parts: string[] = [];
  if (input.availability && input.availability !== n.availability) parts.push(`availability ${n.availability} → ${input.availability}`);
  if (input.role && input.role !== n.role) parts.push(input.role === 'manager' ? 'promoted to manager' : 'demoted to worker');
  const set = Object.entries(input.labels ?? {}).filter(([, v]) => v !== null);
  const removed = Object.entries(input.labels ?? {}).filter(([, v]) => v === null);
  if (set.length) parts.push(`label${set.length === 1 ? '' : 's'} ${set.map(([k, v]) => `${k}=${v}`).join(', ')} set`);
  if (removed.length) parts.push(`label${removed.length === 1 ? '' : 's'} ${removed.map(([k]) => k).join(', ')} removed`);
  return `Node ${n.hostname}: ${parts.length ? parts.join('; ') : 'nothing changed (it was already so)'}`;
}

/**
 * Removes a node from the swarm's list. Only a down node: a node that is up still runs its tasks and would keep
 * acting as a member; the way out for it is to drain it and run "docker swarm leave" on it. Force is used for a
 * down node (the Engine wants it for a down manager), never for one that is up.
 */
export async function removeSwarmNode(b: Berth, hostId: string, ref: string): Promise<{ ok: true; message: string }> {
  const { host, info } = await managerOf(b, hostId);
  const selfId = info.NodeID ?? '';
  const n = toSwarmNode(await readNode(host, ref), selfId);
  if (n.role === 'manager' && (await managerCount(host, selfId)) <= 1) throw lastManager(n, 'removing');
  if (n.status !== 'down') {
    throw conflict(
      `Node ${n.hostname} is up (status ${n.status}): drain it and run "docker swarm leave" on that node first, or it must be down, before it can be removed`,
    );
  }
  await removeRawNode(host.engine, n.id, true);
  return { ok: true, message: `Removed node ${n.hostname} (${n.role}, down) from the swarm` };
}
