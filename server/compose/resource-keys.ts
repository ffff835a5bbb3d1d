import type Docker from 'dockerode';
import { z } from 'zod';
import type { ResourcesSpec } from './model';
import type { Report } from './report';
import { byteSize } from './shapes';
import { parseBytes } from './units';

/**
 * The version-2 resource keys (`mem_limit`, `cpus`, `cpu_shares`…), still written in most compose files. They map to
 * the same HostConfig fields docker-compose sets. Four of them have a `deploy.resources` twin (mem_limit, cpus,
 * pids_limit, mem_reservation): the compose specification says the two "must be consistent", so a file giving both
 * with different values is refused (naming both keys), and equal values are one setting. Those four fold into
 * ResourcesSpec, so `mem_limit: 512m` and `deploy.resources.limits.memory: 512m` hash alike; the others live in an
 * optional object that is absent for files not using them (their config hash is unchanged).
 */
export const RESOURCE_KEYS = [
  'mem_limit',
  'mem_reservation',
  'memswap_limit',
  'cpus',
  'cpu_shares',
  'cpu_quota',
  'cpu_period',
  'cpuset',
  'pids_limit',
  'oom_score_adj',
  'oom_kill_disable',
];

const num = z.union([z.number(), z.string()]);

/** Spread into ServiceSchema: the value shapes of RESOURCE_KEYS. */
export const resourceKeyShapes = {
  mem_limit: byteSize.optional(),
  mem_reservation: byteSize.optional(),
  memswap_limit: byteSize.optional(),
  cpus: num.optional(),
  cpu_shares: num.optional(),
  cpu_quota: num.optional(),
  cpu_period: num.optional(),
  cpuset: z.union([z.string(), z.number()]).transform(String).optional(),
  pids_limit: num.optional(),
  oom_score_adj: z.number().int().min(-1000).max(1000).optional(),
  oom_kill_disable: z.boolean().optional(),
};
type RawResources = { [K in keyof typeof resourceKeyShapes]?: z.infer<(typeof resourceKeyShapes)[K]> };

/** The resource keys without a deploy.resources twin; only the keys a file sets are present. */
export interface ResourceKeysSpec {
  /** bytes; -1 = unlimited swap */
  memorySwap?: number;
  cpuShares?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpusetCpus?: string;
  oomScoreAdj?: number;
  oomKillDisable?: boolean;
}

/**
 * Reads the resource keys of one service: folds the four with a deploy twin into `resources` (mutated) and returns the
 * rest (undefined when none is set).
 */
export function normalizeResourceKeys(s: RawResources, resources: ResourcesSpec, report: Report, base: (string | number)[]): ResourceKeysSpec | undefined {
  const at = (k: string) => [...base, k];
  const bytes = (k: 'mem_limit' | 'mem_reservation' | 'memswap_limit'): number | null => {
    const v = s[k];
    if (v === undefined) return null;
    // memswap_limit: -1 is "unlimited swap", as with docker run --memory-swap -1
    if (k === 'memswap_limit' && (v === -1 || v === '-1')) return -1;
    const b = parseBytes(v);
    if (b === null || b <= 0) report(at(k), `${k} "${v}" is not a size like 512m or 1g`);
    return b !== null && b > 0 ? b : null;
  };
  const number = (k: 'cpus' | 'cpu_shares' | 'cpu_quota' | 'cpu_period' | 'pids_limit', int: boolean, min: number): number | null => {
    const v = s[k];
    if (v === undefined) return null;
    const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n) || n < min || (int && !Number.isInteger(n))) {
      report(at(k), `${k} "${v}" is not ${int ? 'a whole number' : 'a number'}${min > -Infinity ? ` of at least ${min}` : ''}`);
      return null;
    }
    return n;
  };
  // the twins: the deploy.resources value, if any, must be the same
  const twin = (k: string, deployKey: string, mine: number | null, theirs: number | null, show: (n: number) => string): number | null => {
    if (mine === null) return theirs;
    if (theirs !== null && theirs !== mine) {
      report(
        at(k),
        `${k} (${show(mine)}) and deploy.resources.${deployKey} (${show(theirs)}) disagree; the compose specification says they must be consistent, so keep one of them`,
      );
    }
    return mine;
  };
  const mb = (n: number) => `${n} bytes`;
  resources.memory = twin('mem_limit', 'limits.memory', bytes('mem_limit'), resources.memory, mb);
  resources.reservationMemory = twin('mem_reservation', 'reservations.memory', bytes('mem_reservation'), resources.reservationMemory, mb);
  resources.cpus = twin('cpus', 'limits.cpus', number('cpus', false, 0), resources.cpus, String);
  // pids_limit: -1 (or 0) means unlimited, as the Engine takes it
  resources.pids = twin('pids_limit', 'limits.pids', number('pids_limit', true, -1), resources.pids, String);

  const r: ResourceKeysSpec = {};
  const swap = bytes('memswap_limit');
  if (swap !== null) {
    if (swap !== -1 && resources.memory !== null && swap < resources.memory)
      report(at('memswap_limit'), `memswap_limit (${swap} bytes) is memory plus swap, so it must not be below mem_limit (${resources.memory} bytes)`);
    if (resources.memory === null)
      report(
        at('memswap_limit'),
        'memswap_limit needs mem_limit (or deploy.resources.limits.memory) as well; the Engine refuses a swap limit without a memory limit',
      );
    r.memorySwap = swap;
  }
  const shares = number('cpu_shares', true, 2);
  if (shares !== null) r.cpuShares = shares;
  const quota = number('cpu_quota', true, 1000);
  if (quota !== null) r.cpuQuota = quota;
  const period = number('cpu_period', true, 1000);
  if (period !== null) {
    if (period > 1_000_000) report(at('cpu_period'), `cpu_period ${period} is above 1000000 microseconds (1 s), the most the kernel takes`);
    r.cpuPeriod = period;
  }
  if (s.cpuset !== undefined) {
    if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(s.cpuset)) report(at('cpuset'), `cpuset "${s.cpuset}" is not a CPU list like 0-3 or 0,2`);
    r.cpusetCpus = s.cpuset;
  }
  if (s.oom_score_adj !== undefined) r.oomScoreAdj = s.oom_score_adj;
  if (s.oom_kill_disable !== undefined) r.oomKillDisable = s.oom_kill_disable;
  return Object.keys(r).length ? r : undefined;
}

/** ResourceKeysSpec → HostConfig fields (the policy in server/auth/container-policy.ts reads OomScoreAdj and OomKillDisable). */
export function resourceHostConfig(r: ResourceKeysSpec | undefined): Docker.HostConfig {
  if (!r) return {};
  const hc: Docker.HostConfig & { OomScoreAdj?: number } = {
    MemorySwap: r.memorySwap,
    CpuShares: r.cpuShares,
    CpuQuota: r.cpuQuota,
    CpuPeriod: r.cpuPeriod,
    CpusetCpus: r.cpusetCpus,
    OomScoreAdj: r.oomScoreAdj,
    OomKillDisable: r.oomKillDisable,
  };
  for (const k of Object.keys(hc) as (keyof typeof hc)[]) if (hc[k] === undefined) delete hc[k];
  return hc;
}
