import type { Engine } from '../docker/connect';
import { type LogReader, type LogSink, openLogStream, readLogs } from '../docker/logs';
import { LogFeed } from './feed';
import { Join } from './join';

/**
 * How many lines the shared upstream starts with. The Engine starts watching the log file a moment after it answers,
 * so a stream opened with tail 0 could miss a line written in that moment; these lines cover it, and each viewer's
 * join drops the ones it already has (server/logs/join.ts).
 */
export const SHARED_TAIL = 100;

export interface FollowOptions {
  tail: number | 'all';
  /** unix seconds */
  since?: number;
}

/**
 * Followed logs of every container, one shared upstream Engine stream per container (LogFeed), each viewer with its
 * own backlog read joined to it. One per process: Berth's `logs`.
 */
export class LogHub {
  private feeds = new Map<string, LogFeed>();
  private live = 0;
  /** every upstream Engine follow-stream ever opened */
  upstreamOpens = 0;

  /** Upstream Engine follow-streams open right now (tests and benchmarks prove sharing with it). */
  openUpstreams(): number {
    return this.live;
  }

  /** Viewers following one container right now. */
  viewers(hostId: string, id: string): number {
    return this.feeds.get(`${hostId}/${id}`)?.viewerCount ?? 0;
  }

  /**
   * Follows container `c` (a full id, as inspect gives it) for one viewer: its backlog (tail/since, read once), then
   * the shared live lines, then the end with its reason. pause()/resume() hold the backlog read for a slow reader;
   * live lines are never held for one viewer, since others share them.
   */
  follow(engine: Engine, hostId: string, c: { id: string; tty: boolean }, o: FollowOptions, sink: LogSink): LogReader {
    const ctl = new AbortController();
    let backlog: LogReader | undefined;
    let closed = false;
    let unsubscribe = () => {};
    const close = () => {
      closed = true;
      backlog?.close();
      ctl.abort();
      unsubscribe();
    };
    const join = new Join(sink, { since: o.since, showBacklog: o.tail !== 0 }, close);
    // Live first, backlog second: see Join for why that order leaves no gap.
    unsubscribe = this.feed(engine, hostId, c).subscribe(join.live);
    if (!closed) {
      // tail 0 still reads the newest line: it tells where this viewer's live lines start.
      openLogStream(engine, c.id, { tail: o.tail === 0 ? 1 : o.tail, since: o.since, follow: false }, ctl.signal).then(
        (stream) => {
          if (closed) return void stream.destroy();
          backlog = readLogs(engine, c.id, stream, { tty: c.tty, follow: false }, join.backlog);
        },
        (e: Error) => join.backlog.end(`Could not read the log: ${e.message}`, true),
      );
    }
    return { pause: () => backlog?.pause(), resume: () => backlog?.resume(), close };
  }

  private feed(engine: Engine, hostId: string, c: { id: string; tty: boolean }): LogFeed {
    const key = `${hostId}/${c.id}`;
    let f = this.feeds.get(key);
    if (f) return f;
    const feed = new LogFeed({
      opened: () => this.upstreamOpens++,
      idle: () => {
        if (this.feeds.get(key) === feed) this.feeds.delete(key);
      },
      open: async (sink) => {
        const ctl = new AbortController();
        const stream = await openLogStream(engine, c.id, { tail: SHARED_TAIL, follow: true }, ctl.signal);
        this.live++;
        let counted = true;
        stream.once('close', () => {
          if (counted) this.live--;
          counted = false;
        });
        const reader = readLogs(engine, c.id, stream, { tty: c.tty, follow: true }, sink);
        return {
          close: () => {
            reader.close();
            ctl.abort();
          },
        };
      },
    });
    this.feeds.set(key, feed);
    f = feed;
    return f;
  }
}
