import type { StatsSample } from './stats-types';

/** Columns for the charts: x in unix seconds, then one array per series (null where there is no value). */
export interface StatsSeries {
  x: number[];
  cpu: (number | null)[];
  memUsed: number[];
  memLimit: number[];
  netRx: (number | null)[];
  netTx: (number | null)[];
  blkRead: (number | null)[];
  blkWrite: (number | null)[];
  pids: number[];
}

/** A gap longer than this between samples (nobody was looking, or the container was stopped) is drawn as a gap. */
const GAP_MS = 5000;

/**
 * Samples → chart columns. Network and block figures arrive as totals and are charted as bytes per second between
 * neighbouring samples; a total that went down (the container restarted) or a gap gives no rate rather than a spike.
 */
export function toSeries(samples: StatsSample[]): StatsSeries {
  const s: StatsSeries = { x: [], cpu: [], memUsed: [], memLimit: [], netRx: [], netTx: [], blkRead: [], blkWrite: [], pids: [] };
  let prev: StatsSample | undefined;
  for (const cur of samples) {
    const dt = prev ? (cur.t - prev.t) / 1000 : 0;
    const ok = prev !== undefined && dt > 0 && cur.t - prev.t <= GAP_MS;
    const rate = (a: number, b: number) => (ok && a >= b ? (a - b) / dt : null);
    s.x.push(cur.t / 1000);
    s.cpu.push(cur.cpu);
    s.memUsed.push(cur.memUsed);
    s.memLimit.push(cur.memLimit);
    s.netRx.push(rate(cur.netRx, prev?.netRx ?? 0));
    s.netTx.push(rate(cur.netTx, prev?.netTx ?? 0));
    s.blkRead.push(rate(cur.blkRead, prev?.blkRead ?? 0));
    s.blkWrite.push(rate(cur.blkWrite, prev?.blkWrite ?? 0));
    s.pids.push(cur.pids);
    prev = cur;
  }
  return s;
}

/** "12.3%" / "0.05%" / "—": small values keep two decimals so an idle container does not read as exactly 0. */
export function formatPercent(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return '—';
  return `${p < 10 ? p.toFixed(2) : p.toFixed(1)}%`;
}
