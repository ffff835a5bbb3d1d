import { type BerthServer, descendants, listenerPid, procMem } from './lib/berth';
import { log, sleep } from './lib/env';

export interface MemResult {
  pid: number;
  listenerPid: number | null;
  idleMs: number;
  rssMiB: number;
  hwmMiB: number;
  /** RSS every 5 s of the idle period: shows whether it is still growing at the end */
  series: { atS: number; rssMiB: number }[];
  children: { pid: number; comm: string; rssMiB: number }[];
}

const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;

/**
 * Server RSS after idling with both hosts registered and the fleet cached. The pid is the `node --import tsx
 * server.ts` child itself, cross-checked against the process that owns the listening socket.
 */
export async function runMem(berth: BerthServer, port: number, idleMs: number): Promise<MemResult> {
  const owner = listenerPid(port);
  if (owner !== berth.pid) throw new Error(`port ${port} is owned by pid ${owner}, not by the Berth process ${berth.pid}`);
  log(`mem: idling ${idleMs / 1000} s, sampling VmRSS of pid ${berth.pid}`);
  const series: MemResult['series'] = [];
  const t0 = Date.now();
  for (;;) {
    series.push({ atS: Math.round((Date.now() - t0) / 1000), rssMiB: mib(procMem(berth.pid).rssKiB) });
    const left = idleMs - (Date.now() - t0);
    if (left <= 0) break;
    await sleep(Math.min(5000, left));
  }
  const m = procMem(berth.pid);
  return {
    pid: berth.pid,
    listenerPid: owner,
    idleMs,
    rssMiB: mib(m.rssKiB),
    hwmMiB: mib(m.hwmKiB),
    series,
    children: descendants(berth.pid).map((c) => ({ pid: c.pid, comm: c.comm, rssMiB: mib(c.rssKiB) })),
  };
}

/** A single reading, for "after P1" / "after P2" context rows next to the idle figure. */
export function rssNow(berth: BerthServer): { rssMiB: number; hwmMiB: number } {
  const m = procMem(berth.pid);
  return { rssMiB: mib(m.rssKiB), hwmMiB: mib(m.hwmKiB) };
}
