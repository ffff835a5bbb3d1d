import type { SwarmStackDetail, SwarmStackService, SwarmStackSummary } from '@/lib/swarm-stack-types';
import type { Berth } from '../berth';
import { listStackNetworks, listStackObjects, listStackServices, listStackTasks, type RawService, type RawTask } from '../docker/swarm-stack-calls';
import { notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { managerOf } from './environment';
import { IMAGE_LABEL, NAMESPACE_LABEL } from './stack-spec';
import { findSwarmStack, storedSwarmStackNames } from './stack-store';

/**
 * Stacks are found as the CLI finds them (`docker stack ls`): by the namespace label on services, so a stack the CLI
 * deployed is listed beside Berth's. Counts are `docker stack services`' REPLICAS: tasks running (and meant to) over
 * the replicas wanted, or for a global service over the tasks the swarm placed.
 */

export function serviceRow(s: RawService, tasks: RawTask[]): SwarmStackService {
  const mine = tasks.filter((t) => t.ServiceID === s.ID);
  const live = mine.filter((t) => t.DesiredState !== 'shutdown');
  const global = Boolean(s.Spec.Mode?.Global);
  const stack = s.Spec.Labels?.[NAMESPACE_LABEL] ?? '';
  const ports = (s.Spec.EndpointSpec?.Ports ?? []).map(
    (p) => `${p.PublishedPort ? `${p.PublishedPort}:` : ''}${p.TargetPort}/${p.Protocol ?? 'tcp'}${p.PublishMode === 'host' ? ' (host)' : ''}`,
  );
  return {
    id: s.ID,
    name: s.Spec.Name,
    service: stack && s.Spec.Name.startsWith(`${stack}_`) ? s.Spec.Name.slice(stack.length + 1) : s.Spec.Name,
    image: s.Spec.Labels?.[IMAGE_LABEL] ?? (s.Spec.TaskTemplate?.ContainerSpec?.Image ?? '').replace(/@sha256:[a-f0-9]+$/, ''),
    mode: global ? 'global' : 'replicated',
    running: live.filter((t) => t.Status.State === 'running').length,
    desired: global ? live.length : (s.Spec.Mode?.Replicated?.Replicas ?? 1),
    ports,
    updateState: s.UpdateStatus?.State ?? null,
  };
}

export async function listSwarmStacks(b: Berth, hostId: string): Promise<SwarmStackSummary[]> {
  const { host } = await managerOf(b, hostId);
  return stacksOn(b, host);
}

/** The stacks of a host already known to be a manager (the Swarm page's first screen checks that once for all). */
export async function stacksOn(b: Berth, host: HostRuntime): Promise<SwarmStackSummary[]> {
  const hostId = host.record.id;
  const [services, stored] = await Promise.all([listStackServices(host.engine), storedSwarmStackNames(b, hostId)]);
  const tasks = await listStackTasks(
    host.engine,
    services.map((s) => s.ID),
  );
  const byStack = new Map<string, SwarmStackService[]>();
  for (const s of services) {
    const ns = s.Spec.Labels?.[NAMESPACE_LABEL];
    if (!ns) continue;
    byStack.set(ns, [...(byStack.get(ns) ?? []), serviceRow(s, tasks)]);
  }
  // a stack Berth deployed whose services someone removed is still listed, so it can be redeployed or removed
  for (const name of stored) if (!byStack.has(name)) byStack.set(name, []);
  return [...byStack.entries()]
    .map(([name, rows]) => ({
      name,
      source: stored.has(name) ? ('berth' as const) : ('cli' as const),
      services: rows.length,
      running: rows.reduce((n, r) => n + r.running, 0),
      desired: rows.reduce((n, r) => n + r.desired, 0),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getSwarmStack(b: Berth, hostId: string, name: string): Promise<SwarmStackDetail> {
  const { host } = await managerOf(b, hostId);
  const e = host.engine;
  const [services, networks, secrets, configs, stored] = await Promise.all([
    listStackServices(e, name),
    listStackNetworks(e, name),
    listStackObjects(e, 'secrets', { stack: name }),
    listStackObjects(e, 'configs', { stack: name }),
    findSwarmStack(b, hostId, name),
  ]);
  if (!services.length && !stored) throw notFound(`No Swarm stack named ${name} on host ${host.record.name}: no service carries its label`);
  const tasks = await listStackTasks(
    e,
    services.map((s) => s.ID),
  );
  const rows = services.map((s) => serviceRow(s, tasks)).sort((a, b) => a.name.localeCompare(b.name));
  return {
    name,
    source: stored ? 'berth' : 'cli',
    services: rows.length,
    running: rows.reduce((n, r) => n + r.running, 0),
    desired: rows.reduce((n, r) => n + r.desired, 0),
    stackServices: rows,
    networks: networks.map((n) => n.Name).sort(),
    secrets: secrets.map((s) => s.Spec.Name).sort(),
    configs: configs.map((s) => s.Spec.Name).sort(),
    compose: stored?.compose ?? null,
    hasEnv: Boolean(stored?.env),
    files: Object.keys(stored?.files ?? {}).sort(),
  };
}
