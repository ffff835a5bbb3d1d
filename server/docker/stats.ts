import type { Readable } from 'node:stream';
import type { StatsSample } from '@/lib/stats-types';
import type { BerthError } from '../errors';
import { call } from './call';
import type { Engine } from './connect';
import { engineError } from './engine-errors';
import { dialStream } from './stream';

/**
 * Container resource figures: the Engine's /containers/{id}/stats call (a stream, or one reading) and the arithmetic
 * the docker CLI does on it, so Berth shows the same numbers as `docker stats`.
 */

/** The parts of the Engine's stats JSON that Berth reads (cgroup v1 and v2 shapes). */
export interface EngineStats {
  read?: string;
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The counters two readings are compared by, kept between one-shot readings (which carry no precpu_stats). */
export interface CpuCounters {
  total: number;
  system: number;
}

export function cpuCounters(s: CpuStats | undefined): CpuCounters | null {
  const total = s?.cpu_usage?.total_usage;
  const system = s?.system_cpu_usage;
  return total !== undefined && system ? { total, system } : null;
}

/** CPU % as the CLI computes it: the container's share of all CPU time since `before`, times the number of CPUs. */
export function cpuPercent(now: CpuStats | undefined, before: CpuCounters | null): number | null {
  const cur = cpuCounters(now);
  if (!cur || !before) return null;
  const cpuDelta = cur.total - before.total;
  const systemDelta = cur.system - before.system;
  const cpus = now?.online_cpus || now?.cpu_usage?.percpu_usage?.length || 1;
  if (systemDelta <= 0 || cpuDelta < 0) return null;
  return (cpuDelta / systemDelta) * cpus * 100;
}

/** Memory in use without the inactive page cache: cgroup v1 reports `total_inactive_file`, v2 `inactive_file`. */
export function memoryUsed(m: EngineStats['memory_stats']): number {
  const usage = m?.usage ?? 0;
  const stats = m?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

export function networkTotals(n: EngineStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const iface of Object.values(n ?? {})) {
    rx += iface.rx_bytes ?? 0;
    tx += iface.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** Bytes read and written by block devices; the op is "Read"/"Write" on cgroup v1 and "read"/"write" on v2. */
export function blockTotals(b: EngineStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of b?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === 'read') read += e.value;
    else if (op === 'write') write += e.value;
  }
  return { read, write };
}

/**
 * The Engine answers for a stopped container with a reading that has only a name and id (and a zero time); that is
 * no reading at all.
 */
export function isEmptyReading(s: EngineStats): boolean {
  return !s.read || s.read.startsWith('0001-') || !s.cpu_stats?.system_cpu_usage;
}

/**
 * One Engine reading → a StatsSample. `before` is used for CPU % when the reading has no precpu_stats of its own
 * (one-shot readings), otherwise precpu_stats is, as in `docker stats`.
 */
export function toSample(s: EngineStats, before: CpuCounters | null = null, now = Date.now()): StatsSample {
  const pre = cpuCounters(s.precpu_stats);
  const memUsed = memoryUsed(s.memory_stats);
  const memLimit = s.memory_stats?.limit ?? 0;
  const net = networkTotals(s.networks);
  const blk = blockTotals(s.blkio_stats);
  const t = s.read ? Date.parse(s.read) : NaN;
  return {
    t: Number.isFinite(t) && t > 0 ? t : now,
    cpu: cpuPercent(s.cpu_stats, pre ?? before),
    memUsed,
    memLimit,
    memPercent: memLimit > 0 ? (memUsed / memLimit) * 100 : 0,
    netRx: net.rx,
    netTx: net.tx,
    blkRead: blk.read,
    blkWrite: blk.write,
    pids: s.pids_stats?.current ?? 0,
  };
}

const ONE_SHOT_TIMEOUT_MS = 5_000;

/**
 * Opens the Engine's stats stream of one container: one JSON reading per line, about once a second. Aborting
 * `signal` closes it. A 404 becomes not_found.
 */
export async function openStatsStream(engine: Engine, id: string, signal: AbortSignal): Promise<Readable> {
  try {
    return await dialStream(
      engine,
      {
        path: `/containers/${encodeURIComponent(id)}/stats`,
        options: { stream: '1' },
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      },
      signal,
    );
  } catch (e) {
    throw notFoundSays(e as ReturnType<typeof engineError>, id);
  }
}

/** Calls `onReading` for every JSON line of a stats stream; lines that are not JSON are skipped. */
export function readStatsLines(stream: Readable, onReading: (s: EngineStats) => void): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (!line) continue;
      let parsed: EngineStats;
      try {
        parsed = JSON.parse(line) as EngineStats;
      } catch {
        continue;
      }
      onReading(parsed);
    }
  });
}

/**
 * One reading without keeping a stream open (`stream=false&one-shot=true`, API 1.41+): the Engine answers at its next
 * collection tick without waiting for a second one, so the reading has no precpu_stats and CPU % needs the caller's
 * previous counters. Costs the daemon one collection, as one second of a stream does.
 */
export async function readStatsOnce(engine: Engine, id: string): Promise<EngineStats> {
  try {
    return await call(
      engine,
      (signal) =>
        new Promise<EngineStats>((resolve, reject) => {
          engine.docker.modem.dial(
            {
              path: `/containers/${encodeURIComponent(id)}/stats?`,
              method: 'GET',
              abortSignal: signal,
              statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
              options: { stream: 'false', 'one-shot': 'true' },
            },
            (err, data) => (err ? reject(err) : resolve(data as EngineStats)),
          );
        }),
      ONE_SHOT_TIMEOUT_MS,
    );
  } catch (e) {
    throw notFoundSays(e as BerthError, id);
  }
}

function notFoundSays<E extends { kind: string; message: string }>(err: E, id: string): E {
  if (err.kind === 'not_found') err.message = `No container "${id}" on this host: it may have been removed`;
  return err;
}
