import type { LogLine } from '@/lib/types';
import type { LogSink } from '../docker/logs';
import { tsKey, unixKey } from './order';

/** Live lines a viewer may hold while its backlog is still being read, before it is told it fell behind. */
export const MAX_HELD_LINES = 200_000;

/**
 * One viewer joining a shared live stream (pure; server/logs/hub.ts wires it). The viewer subscribes to the live
 * lines *before* its own backlog read starts, and holds them until that read ends. Every line written before the
 * subscription is in the backlog (it was in the log file when the read began), every line written after it comes
 * live; the two overlap by whatever was written while the read ran, and by the shared stream's opening tail. The
 * overlap is cut by the Engine's timestamps: a live line is passed on only if it is newer than the newest backlog
 * line (and not older than the viewer's `since`). No gap, no duplicate, and no clock of Berth's involved.
 */
export class Join {
  private held: LogLine[] | null = [];
  private heldEnd: { reason: string; error?: boolean } | null = null;
  /** key of the newest line the backlog brought */
  private cut: string | undefined;
  private readonly sinceKey: string | undefined;
  private readonly showBacklog: boolean;
  private done = false;

  /**
   * `showBacklog` false: the viewer asked for tail 0, so the backlog (read with tail 1) only sets the cut.
   * `onDone` runs once, after the viewer got its end.
   */
  constructor(
    private readonly out: LogSink,
    o: { since?: number; showBacklog: boolean },
    private readonly onDone: () => void = () => {},
  ) {
    this.sinceKey = o.since === undefined ? undefined : unixKey(o.since);
    this.showBacklog = o.showBacklog;
  }

  /** The sink for the viewer's own one-shot backlog read. */
  readonly backlog: LogSink = {
    lines: (b) => {
      if (this.done) return;
      for (const l of b) {
        const k = l.ts ? tsKey(l.ts) : undefined;
        if (k && (this.cut === undefined || k > this.cut)) this.cut = k;
      }
      if (this.showBacklog) this.out.lines(b);
    },
    end: (reason, error) => {
      if (this.done) return;
      if (error) return this.end(reason, error);
      const held = this.held ?? [];
      this.held = null;
      this.deliver(held);
      if (this.heldEnd) this.end(this.heldEnd.reason, this.heldEnd.error);
    },
  };

  /** The sink subscribed to the shared live stream. */
  readonly live: LogSink = {
    lines: (b) => {
      if (this.done) return;
      if (!this.held) return this.deliver(b);
      for (const l of b) this.held.push(l);
      if (this.held.length > MAX_HELD_LINES)
        this.end(`More than ${MAX_HELD_LINES} new lines arrived while the older ones were read: reload the logs with a smaller tail`, true);
    },
    end: (reason, error) => {
      if (this.done) return;
      if (this.held) this.heldEnd = { reason, error };
      else this.end(reason, error);
    },
  };

  private deliver(b: LogLine[]): void {
    const cut = this.cut;
    const since = this.sinceKey;
    const pass =
      cut === undefined && since === undefined
        ? b
        : b.filter((l) => {
            const k = l.ts ? tsKey(l.ts) : undefined;
            if (k === undefined) return true;
            return (cut === undefined || k > cut) && (since === undefined || k >= since);
          });
    if (pass.length) this.out.lines(pass);
  }

  private end(reason: string, error?: boolean): void {
    if (this.done) return;
    this.done = true;
    this.held = null;
    this.out.end(reason, error);
    this.onDone();
  }
}
