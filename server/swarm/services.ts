import type { ServiceDetail, ServiceSummary } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { inspectService, listTasks } from '../docker/service-calls';
import { networkNames, type RawService, type RawServiceSpec, type RawTask, serviceMode, toServiceDetail, toServiceSummary } from '../docker/swarm-services';
import { isBerthError, notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { managerOf } from './environment';
import { serviceSnapshot } from './service-snapshot';
import { taskProblem } from './task-words';

/** A service by id, id prefix or name, or a 404 in words. */
export async function readService(host: HostRuntime, ref: string): Promise<RawService> {
  try {
    return await inspectService<RawServiceSpec>(host.engine, ref);
  } catch (e) {
    if (isBerthError(e) && e.kind === 'not_found')
      throw notFound(`No service "${ref}" in the swarm of host ${host.record.name}: it may have been removed (the Services list shows the ones there are)`);
    throw e;
  }
}

/**
 * Running and desired counts of a service from tasks meant to run (desired state running). Replicated: the replicas
 * asked for; global: as many as the scheduler made (one per eligible node); jobs: the completions asked for, or the
 * tasks made.
 */
export function countTasks(s: RawService, tasks: RawTask[]): { running: number; desired: number } {
  const mine = tasks.filter((t) => t.ServiceID === s.ID && t.DesiredState === 'running');
  const running = mine.filter((t) => t.Status.State === 'running').length;
  const mode = serviceMode(s.Spec);
  const desired =
    mode === 'replicated'
      ? (s.Spec.Mode?.Replicated?.Replicas ?? 1)
      : mode === 'replicated-job'
        ? (s.Spec.Mode?.ReplicatedJob?.TotalCompletions ?? 1)
        : new Set(mine.map((t) => t.NodeID ?? t.ID)).size;
  return { running, desired };
}

/** The first waiting task's reason in plain words: why a service is short of tasks. */
export function pendingReason(s: RawService, tasks: RawTask[]): string | null {
  const t = tasks.find((x) => x.ServiceID === s.ID && x.DesiredState === 'running' && x.Status.State === 'pending' && x.Status.Err);
  return t ? taskProblem({ state: 'pending', desiredState: 'running', message: t.Status.Message ?? '', err: t.Status.Err ?? null }) : null;
}

/** Every service of the swarm with its counts: one /services and one /tasks call, however many services there are. */
export async function getServices(b: Berth, hostId: string): Promise<ServiceSummary[]> {
  const { host } = await managerOf(b, hostId);
  const { services, tasks } = await serviceSnapshot(b, host);
  // grouped once, so counting is linear in tasks, not services × tasks (1,000 tasks of 200 services in bench/p14.ts)
  const byService = new Map<string, RawTask[]>();
  for (const t of tasks) {
    const own = byService.get(t.ServiceID);
    if (own) own.push(t);
    else byService.set(t.ServiceID, [t]);
  }
  return services
    .map((s) => {
      const own = byService.get(s.ID) ?? [];
      return toServiceSummary(s, countTasks(s, own), pendingReason(s, own));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getService(b: Berth, hostId: string, ref: string): Promise<ServiceDetail> {
  const { host } = await managerOf(b, hostId);
  const s = await readService(host, ref);
  const [tasks, nets] = await Promise.all([listTasks(host.engine, { service: [s.ID], 'desired-state': ['running'] }), networkNames(host.engine)]);
  return toServiceDetail(s, countTasks(s, tasks), pendingReason(s, tasks), nets);
}
