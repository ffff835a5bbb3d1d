import type { LogLine } from '@/lib/types';
import type { LogSink } from '../docker/logs';

/** An open upstream Engine follow-stream; close() stops it without an end() to the sink. */
export interface LogUpstream {
  close(): void;
}

export interface LogFeedDeps {
  /**
   * Opens the Engine's follow-stream of the container and reads it into `sink` (lines in batches, then one end with
   * its reason). A rejection is an open that failed: every viewer is told.
   */
  open(sink: LogSink): Promise<LogUpstream>;
  /** counts every upstream opened, so tests and benchmarks can prove viewers share one */
  opened(): void;
  /** the feed ended or lost its last viewer: the hub forgets it, so the next follower starts a new one */
  idle(): void;
}

/**
 * The live lines of one container for every viewer that follows it: at most one upstream Engine stream, opened when
 * the first viewer arrives and closed when the last leaves (the same reference counting as server/stats/feed.ts).
 * Each viewer reads its own backlog separately (server/logs/hub.ts); the feed only carries what is written from now.
 */
export class LogFeed {
  private viewers = new Set<LogSink>();
  private upstream: LogUpstream | null = null;
  private opening = false;
  private ended = false;

  constructor(private readonly deps: LogFeedDeps) {}

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** An upstream is open or being opened. */
  get streaming(): boolean {
    return this.upstream !== null || this.opening;
  }

  /** Adds a viewer of live lines; the returned function removes it (idempotent) and may close the upstream. */
  subscribe(v: LogSink): () => void {
    if (this.ended) {
      // Not reachable through the hub (it forgets an ended feed at once); kept so a stale reference cannot hang.
      v.end('the log stream ended', true);
      return () => {};
    }
    this.viewers.add(v);
    this.start();
    return () => {
      if (!this.viewers.delete(v)) return;
      if (this.viewers.size === 0) this.stop();
    };
  }

  private start(): void {
    if (this.upstream || this.opening) return;
    this.opening = true;
    this.deps.opened();
    this.deps
      .open({ lines: (b) => this.broadcast(b), end: (reason, error) => this.finish(reason, error) })
      .then((up) => {
        this.opening = false;
        // Everyone left (or the stream already ended) while it was being opened.
        if (this.viewers.size === 0 || this.ended) up.close();
        else this.upstream = up;
      })
      .catch((e: unknown) => {
        this.opening = false;
        this.finish(e instanceof Error ? e.message : String(e), true);
      });
  }

  /** The last viewer left. An upstream still being opened is closed by start() once it is open. */
  private stop(): void {
    this.ended = true;
    this.upstream?.close();
    this.upstream = null;
    this.deps.idle();
  }

  private broadcast(batch: LogLine[]): void {
    for (const v of this.viewers) v.lines(batch);
  }

  private finish(reason: string, error?: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.upstream = null;
    const viewers = [...this.viewers];
    this.viewers.clear();
    this.deps.idle();
    for (const v of viewers) v.end(reason, error);
  }
}
