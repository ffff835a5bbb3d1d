import type { StatsEndReason, StatsMessage, StatsSample } from '@/lib/stats-types';
import { type CpuCounters, cpuCounters, type EngineStats, isEmptyReading, toSample } from '../docker/stats';
import { Ring } from './ring';

export type Viewer = (msg: StatsMessage) => void;

/** An open upstream Engine stats stream. */
export interface Upstream {
  close(): void;
}

export interface FeedDeps {
  /** Opens the Engine stream; `end` is called once if the Engine ends it (not after close()). */
  open(reading: (r: EngineStats) => void, end: (err?: Error) => void): Promise<Upstream>;
  /** Why the Engine ended a stream nobody closed: asks the daemon. 'running' means open it again. */
  diagnose(): Promise<StatsEndReason | 'running'>;
  /** counts every upstream opened, so tests can prove viewers share one */
  opened(): void;
}

export const HISTORY_MS = 60 * 60 * 1000;
/** one sample a second for an hour, plus slack for the Engine's ticks drifting under a second */
const CAPACITY = 3700;
const REOPEN_DELAY_MS = 1000;

/**
 * The live figures of one container: its kept history, its viewers, and at most one upstream Engine stream, open
 * only while there are viewers and the container runs. The history outlives the container until it ages out.
 */
export class ContainerFeed {
  readonly ring = new Ring<StatsSample>(CAPACITY);
  private viewers = new Set<Viewer>();
  private upstream: Upstream | null = null;
  private opening = false;
  private counters: CpuCounters | null = null;
  /** null while the container runs; otherwise why there are no live samples */
  private ended: StatsEndReason | null;

  constructor(
    readonly id: string,
    running: boolean,
    private readonly deps: FeedDeps,
    private readonly now: () => number = Date.now,
  ) {
    this.ended = running ? null : 'container stopped';
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  get streaming(): boolean {
    return this.upstream !== null || this.opening;
  }

  /** The newest sample if it came from a live stream in the last couple of seconds (the list reuses it). */
  fresh(): StatsSample | undefined {
    const last = this.ring.last();
    return this.upstream && last && this.now() - last.t < 2500 ? last : undefined;
  }

  /** The history first, then live samples; the returned function unsubscribes (idempotent). */
  subscribe(v: Viewer): () => void {
    this.ring.dropBefore(this.now() - HISTORY_MS);
    this.viewers.add(v);
    const history: StatsMessage = { type: 'history', id: this.id, samples: this.ring.toArray(), live: this.ended === null };
    if (this.ended) history.reason = this.ended;
    v(history);
    if (!this.ended) this.start();
    return () => {
      if (!this.viewers.delete(v)) return;
      if (this.viewers.size === 0) this.closeUpstream();
    };
  }

  /** The container runs (again): stream if anyone is looking. */
  running(): void {
    if (this.ended === null) return;
    if (this.ended === 'container removed' || this.ended === 'host removed') return;
    this.ended = null;
    this.counters = null;
    this.broadcast({ type: 'resumed' });
    if (this.viewers.size) this.start();
  }

  /** The container stopped or went away: close the upstream and tell the viewers why. */
  end(reason: StatsEndReason): void {
    if (this.ended === reason || this.ended === 'container removed' || this.ended === 'host removed') return;
    this.ended = reason;
    this.closeUpstream();
    this.broadcast({ type: 'end', reason });
  }

  /** Nothing left worth keeping: no viewers and no sample younger than the history window. */
  expired(): boolean {
    this.ring.dropBefore(this.now() - HISTORY_MS);
    return this.viewers.size === 0 && this.ring.size === 0;
  }

  private start(): void {
    if (this.upstream || this.opening) return;
    this.opening = true;
    this.deps.opened();
    this.deps
      .open(
        (r) => this.onReading(r),
        () => void this.onUpstreamEnd(),
      )
      .then((up) => {
        this.opening = false;
        // Everyone left (or the container stopped) while the stream was being opened.
        if (this.viewers.size === 0 || this.ended) up.close();
        else this.upstream = up;
      })
      .catch(() => {
        this.opening = false;
        void this.onUpstreamEnd();
      });
  }

  private closeUpstream(): void {
    this.upstream?.close();
    this.upstream = null;
  }

  private onReading(r: EngineStats): void {
    // The Engine keeps sending empty readings for a container that stopped; the live cache reports the stop.
    if (isEmptyReading(r)) return;
    const sample = toSample(r, this.counters, this.now());
    this.counters = cpuCounters(r.cpu_stats);
    const last = this.ring.last();
    if (last && sample.t <= last.t) return;
    this.ring.push(sample);
    this.broadcast({ type: 'sample', sample });
  }

  private async onUpstreamEnd(): Promise<void> {
    this.upstream = null;
    if (this.ended || this.viewers.size === 0) return;
    const why = await this.deps.diagnose().catch((): StatsEndReason => 'stats stream ended');
    if (this.ended || this.viewers.size === 0) return;
    if (why === 'running') {
      setTimeout(() => {
        if (!this.ended && this.viewers.size) this.start();
      }, REOPEN_DELAY_MS).unref();
      return;
    }
    this.end(why);
  }

  private broadcast(msg: StatsMessage): void {
    for (const v of this.viewers) {
      try {
        v(msg);
      } catch {
        this.viewers.delete(v);
      }
    }
    if (this.viewers.size === 0) this.closeUpstream();
  }
}
