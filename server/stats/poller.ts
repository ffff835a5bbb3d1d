import type { ContainerStatsBatch, HostStatsTotals, StatsSample } from '@/lib/stats-types';
import { type CpuCounters, cpuCounters, type EngineStats, isEmptyReading, toSample } from '../docker/stats';
import { Ring } from './ring';

export interface PollerDeps {
  hostId: string;
  /** ids of the host's running containers, from the live cache (no Engine call) */
  running(): string[];
  /** one reading (stream=false&one-shot=true) */
  readOnce(id: string): Promise<EngineStats>;
  /** a sample a live stream (an open detail page) just produced, reused instead of asking the Engine again */
  liveSample(id: string): StatsSample | undefined;
  intervalMs: number;
}

/** How long a row stays watched after the list last asked for it: a list that stops asking (tab closed) costs nothing. */
const LEASE_FACTOR = 3;
/** Engine readings in flight at once for one host: each waits for the daemon's next 1 s collection tick, so they
 * must all be in flight together for a round to take one tick. */
const CONCURRENCY = 64;
/** Host totals are kept for the last hour, like a container's samples, so the host page opens with them drawn. */
const TOTALS_HISTORY_MS = 60 * 60 * 1000;

/**
 * The CPU and memory columns of the container list and the host's totals: one-shot readings every `intervalMs`, only
 * for the containers someone is looking at (rows on screen, or all running ones while the host page is open). No
 * stream stays open: each reading costs the daemon one collection, and at 3 s a row costs a third of what
 * `docker stats` (one collection a second per container) does.
 */
export class HostPoller {
  private leases = new Map<string, number>();
  private latest = new Map<string, { sample: StatsSample | null; counters: CpuCounters | null }>();
  private totalsViewers = new Set<(t: HostStatsTotals) => void>();
  /** totals published in the last hour (only while someone watched: the gaps show when nobody did) */
  private kept: Ring<HostStatsTotals>;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private ticking = false;
  /** rows asked for the first time, read at once (alone) instead of at the next round */
  private pending = new Set<string>();
  /** Engine readings made, for tests and benchmarks */
  reads = 0;

  constructor(private readonly deps: PollerDeps) {
    // an hour of rounds, plus slack for rounds that start early (a new viewer's first read)
    this.kept = new Ring(Math.ceil(TOTALS_HISTORY_MS / deps.intervalMs) + 100);
  }

  /** The latest figures of `ids`, and keep them watched for a while. New ids are read at once. */
  touch(ids: string[], now = Date.now()): ContainerStatsBatch {
    const until = now + this.deps.intervalMs * LEASE_FACTOR;
    let fresh = false;
    const samples: ContainerStatsBatch['samples'] = {};
    for (const id of ids) {
      if (!this.leases.has(id) && !this.latest.has(id)) {
        fresh = true;
        this.pending.add(id);
      }
      this.leases.set(id, until);
      samples[id] = this.deps.liveSample(id) ?? this.latest.get(id)?.sample ?? null;
    }
    this.ensureTimer(fresh);
    return { samples, intervalMs: this.deps.intervalMs };
  }

  /** The kept totals of the last hour at once (oldest first), then each round's. */
  watchTotals(listener: (t: HostStatsTotals) => void, now = Date.now()): () => void {
    this.kept.dropBefore(now - TOTALS_HISTORY_MS);
    for (const t of this.kept.toArray()) listener(t);
    this.totalsViewers.add(listener);
    this.ensureTimer(true, true);
    return () => {
      this.totalsViewers.delete(listener);
    };
  }

  get watched(): number {
    return this.leases.size + this.totalsViewers.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = this.soon = null;
  }

  private ensureTimer(readSoon: boolean, all = false): void {
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
      this.timer.unref();
    }
    // A burst of new rows (scrolling) is read together, shortly, rather than waiting a whole interval; only the new
    // rows, so scrolling does not re-read the rows already on screen.
    if (all) this.pending.clear();
    if (readSoon && !this.soon) {
      this.soon = setTimeout(() => {
        this.soon = null;
        const only = this.pending.size ? [...this.pending] : undefined;
        this.pending.clear();
        void this.tick(Date.now(), only);
      }, 50);
      this.soon.unref();
    }
  }

  /** One round: read every watched running container (or only `only`), then publish the totals. */
  async tick(now = Date.now(), only?: string[]): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (only) {
        const running = new Set(this.deps.running());
        await pool(
          only.filter((id) => running.has(id)),
          CONCURRENCY,
          (id) => this.readOne(id),
        );
        return;
      }
      for (const [id, until] of this.leases) if (until < now) this.leases.delete(id);
      const running = new Set(this.deps.running());
      const want = new Set<string>();
      for (const id of this.leases.keys()) if (running.has(id)) want.add(id);
      if (this.totalsViewers.size) for (const id of running) want.add(id);
      for (const id of this.latest.keys()) if (!want.has(id)) this.latest.delete(id);
      if (want.size === 0 && this.totalsViewers.size === 0) {
        this.stop();
        return;
      }
      await pool([...want], CONCURRENCY, (id) => this.readOne(id));
      if (this.totalsViewers.size) {
        const totals = this.totals([...running]);
        this.kept.push(totals);
        for (const l of this.totalsViewers) l(totals);
      }
    } finally {
      this.ticking = false;
    }
  }

  private async readOne(id: string): Promise<void> {
    const live = this.deps.liveSample(id);
    const prev = this.latest.get(id);
    if (live) {
      this.latest.set(id, { sample: live, counters: prev?.counters ?? null });
      return;
    }
    try {
      this.reads++;
      const r = await this.deps.readOnce(id);
      if (isEmptyReading(r)) return void this.latest.delete(id);
      this.latest.set(id, { sample: toSample(r, prev?.counters ?? null), counters: cpuCounters(r.cpu_stats) });
    } catch {
      // Stopped or removed between the cache and the read: the live cache will say so; no figure meanwhile.
      this.latest.delete(id);
    }
  }

  private totals(running: string[]): HostStatsTotals {
    const t: HostStatsTotals = {
      t: Date.now(),
      hostId: this.deps.hostId,
      running: running.length,
      measured: 0,
      cpu: 0,
      memUsed: 0,
      netRx: 0,
      netTx: 0,
      blkRead: 0,
      blkWrite: 0,
      pids: 0,
    };
    for (const id of running) {
      const s = this.latest.get(id)?.sample;
      if (!s) continue;
      t.measured++;
      t.cpu += s.cpu ?? 0;
      t.memUsed += s.memUsed;
      t.netRx += s.netRx;
      t.netTx += s.netTx;
      t.blkRead += s.blkRead;
      t.blkWrite += s.blkWrite;
      t.pids += s.pids;
    }
    return t;
  }
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
