import type { ServiceDetail, ServiceSummary } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { inspectService, listTasks } from '../docker/service-calls';
import {
  listRawServices,
  networkNames,
  type RawService,
  type RawServiceSpec,
  type RawTask,
  serviceMode,
  toServiceDetail,
  toServiceSummary,
} from '../docker/swarm-services';
import { isBerthError, notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { managerOf } from './environment';
import { freshServiceSnapshot, type ServiceSnapshot, serviceSnapshot } from './service-snapshot';
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

/**
 * Every service of the swarm with its counts: one /services and one /tasks call, however many services there are.
 * A shared reading under a second old is answered as it is: the host answered those calls as a manager, so asking
 * /info again (managerOf, for its words when the host is not one) would only slow the list that every open Services
 * page polls each second (P14's list figure).
 */
export async function getServices(b: Berth, hostId: string): Promise<ServiceSummary[]> {
  b.fleet.reachable(hostId);
  const fresh = freshServiceSnapshot(b, hostId);
  if (fresh) return summariesOf(fresh);
  const { host } = await managerOf(b, hostId);
  return summariesOf(await serviceSnapshot(b, host));
}

// one list of summaries per reading: the pages polling within the same second share the counting and sorting too
const summarized = new WeakMap<ServiceSnapshot, ServiceSummary[]>();
function summariesOf(snap: ServiceSnapshot): ServiceSummary[] {
  let rows = summarized.get(snap);
  if (!rows) summarized.set(snap, (rows = summaries(snap.services, snap.tasks)));
  return rows;
}

/**
 * The first `n` rows of the services list and how many there are, for the Swarm page's first screen: from the shared
 * reading when it is fresh, else from /services and the tasks of those n services only. Counted as getServices counts,
 * so the rows are what the list will say; the whole list's tasks (700 KB at 1,000 tasks, bench/p14.ts) are not read
 * while the page waits for its HTML.
 */
export async function firstServices(b: Berth, host: HostRuntime, n: number): Promise<{ rows: ServiceSummary[]; total: number }> {
  const fresh = freshServiceSnapshot(b, host.record.id);
  if (fresh) {
    const all = summariesOf(fresh);
    return { rows: all.slice(0, n), total: all.length };
  }
  const services = await listRawServices(host.engine);
  const first = [...services].sort((x, y) => x.Spec.Name.localeCompare(y.Spec.Name)).slice(0, n);
  const tasks = first.length ? await listTasks(host.engine, { service: first.map((s) => s.ID), 'desired-state': ['running'] }) : [];
  return { rows: summaries(first, tasks), total: services.length };
}

/** Summaries sorted by name; tasks grouped once, so counting is linear in tasks, not services × tasks (bench/p14.ts). */
function summaries(services: RawService[], tasks: RawTask[]): ServiceSummary[] {
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
