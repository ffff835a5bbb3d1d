import type { SwarmTask } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { listTasks } from '../docker/service-calls';
import { imageName, nodeNames, type RawTask } from '../docker/swarm-services';
import { managerOf } from './environment';
import { readService } from './services';
import { taskProblem } from './task-words';

/** The CLI's task name: service.slot for replicated services, service.node-id for global ones, then the id's start. */
export function taskName(serviceName: string, t: Pick<RawTask, 'ID' | 'Slot' | 'NodeID'>): string {
  return `${serviceName}.${t.Slot ? t.Slot : (t.NodeID ?? '')}.${t.ID.slice(0, 12)}`;
}

export function toSwarmTask(t: RawTask, serviceName: string, names: Map<string, string>): SwarmTask {
  const nodeName = t.NodeID ? (names.get(t.NodeID) ?? t.NodeID.slice(0, 12)) : null;
  const s = t.Status;
  const exitCode = s.ContainerStatus?.ContainerID ? (s.ContainerStatus.ExitCode ?? null) : null;
  return {
    id: t.ID,
    name: taskName(serviceName, t),
    serviceId: t.ServiceID,
    serviceName,
    slot: t.Slot || null,
    nodeId: t.NodeID || null,
    nodeName,
    desiredState: t.DesiredState,
    state: s.State,
    message: s.Message ?? '',
    err: s.Err || null,
    problem: taskProblem({ state: s.State, desiredState: t.DesiredState, message: s.Message ?? '', err: s.Err ?? null, nodeName, exitCode }),
    containerId: s.ContainerStatus?.ContainerID || null,
    exitCode,
    image: imageName(t.Spec?.ContainerSpec?.Image),
    timestamp: s.Timestamp,
    createdAt: t.CreatedAt,
  };
}

/** Tasks meant to run first, by slot (or node), newest first within one: the order of "docker service ps". */
export function sortTasks(tasks: SwarmTask[]): SwarmTask[] {
  const live = (t: SwarmTask) => (t.desiredState === 'running' || t.desiredState === 'ready' ? 0 : 1);
  return [...tasks].sort(
    (a, b) =>
      live(a) - live(b) || (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeName ?? '').localeCompare(b.nodeName ?? '') || b.createdAt.localeCompare(a.createdAt),
  );
}

/**
 * A service's tasks with their node names and problems in words: one /tasks call filtered by the service, one
 * /nodes. `all` keeps the shut-down history Swarm retains (5 per slot by default), as "docker service ps" shows it.
 */
export async function getServiceTasks(b: Berth, hostId: string, ref: string, all = true): Promise<SwarmTask[]> {
  const { host } = await managerOf(b, hostId);
  const s = await readService(host, ref);
  const filters: Record<string, string[]> = { service: [s.ID] };
  if (!all) filters['desired-state'] = ['running'];
  const [raw, names] = await Promise.all([listTasks(host.engine, filters), nodeNames(host.engine)]);
  // The service filter matches names by prefix too: keep only this service's tasks.
  return sortTasks(raw.filter((t) => t.ServiceID === s.ID).map((t) => toSwarmTask(t, s.Spec.Name, names)));
}
