import crypto from 'node:crypto';
import type { TaskLayer, TaskMessage, TaskView } from '@/lib/types';

/** What a running task's work function uses to say how far it is. Every call is cheap: updates are coalesced. */
export interface TaskReport {
  /** 0..1 (clamped), or null for "cannot tell"; with a message, also sets the status line */
  progress(fraction: number | null, message?: string): void;
  message(text: string): void;
  /** appends lines to the log tail (long lines are cut) */
  log(...lines: string[]): void;
  layers(layers: TaskLayer[]): void;
}

export interface StartOptions {
  /** who started it, shown in the panel */
  by?: string;
  /** the page that shows the work in full; the panel links the title there */
  link?: string;
}

export interface StartedTask<T> {
  task: TaskView;
  /** the work's own result; rejected with its error. Never "unhandled" when nobody waits for it. */
  done: Promise<T>;
}

export type TaskListener = (msg: TaskMessage) => void;

interface Options {
  /** finished tasks kept for the panel */
  keepFinished?: number;
  /** at most one update per task per this many ms reaches listeners (start and end are sent at once) */
  publishEveryMs?: number;
  logLines?: number;
}

const MAX_LINE = 4000;

/**
 * In-memory registry of background work. Tasks do not survive a restart: they are views of work this process is
 * doing, not a job queue. Listeners (the SSE route) get every task's changes, throttled per task.
 */
export class TaskRegistry {
  private tasks = new Map<string, TaskView>();
  private listeners = new Set<TaskListener>();
  private pending = new Map<string, NodeJS.Timeout>();
  private lastSent = new Map<string, number>();
  private readonly keepFinished: number;
  private readonly publishEveryMs: number;
  private readonly logLines: number;

  constructor(opts: Options = {}) {
    this.keepFinished = opts.keepFinished ?? 50;
    this.publishEveryMs = opts.publishEveryMs ?? 150;
    this.logLines = opts.logLines ?? 300;
  }

  start<T>(kind: string, title: string, hostId: string | null, fn: (report: TaskReport) => Promise<T>, opts: StartOptions = {}): StartedTask<T> {
    const t: TaskView = {
      id: crypto.randomUUID(),
      kind,
      title,
      hostId,
      by: opts.by ?? 'berth',
      state: 'running',
      progress: null,
      message: null,
      layers: [],
      log: [],
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
      result: null,
      ...(opts.link ? { link: opts.link } : {}),
    };
    this.tasks.set(t.id, t);
    this.publish(t.id, true);
    const report = this.reporter(t);
    const done = (async () => {
      try {
        const result = await fn(report);
        this.finish(t, 'succeeded', null, result);
        return result;
      } catch (e) {
        this.finish(t, 'failed', (e as Error)?.message ?? String(e), null);
        throw e;
      }
    })();
    done.catch(() => undefined);
    return { task: { ...t }, done };
  }

  list(): TaskView[] {
    return [...this.tasks.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).map((t) => ({ ...t }));
  }

  get(id: string): TaskView | null {
    const t = this.tasks.get(id);
    return t ? { ...t } : null;
  }

  subscribe(l: TaskListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private reporter(t: TaskView): TaskReport {
    const live = () => t.state === 'running';
    return {
      progress: (fraction, message) => {
        if (!live()) return;
        t.progress = fraction === null ? null : Math.min(1, Math.max(0, fraction));
        if (message !== undefined) t.message = message;
        this.publish(t.id);
      },
      message: (text) => {
        if (!live()) return;
        t.message = text;
        this.publish(t.id);
      },
      log: (...lines) => {
        if (!live() || !lines.length) return;
        t.log = [...t.log, ...lines.map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l))].slice(-this.logLines);
        this.publish(t.id);
      },
      layers: (layers) => {
        if (!live()) return;
        // a new layer row shows at once (a fast pull can end within one throttle window); byte counts are throttled
        const added = layers.length !== t.layers.length;
        t.layers = layers;
        this.publish(t.id, added);
      },
    };
  }

  private finish(t: TaskView, state: 'succeeded' | 'failed', error: string | null, result: unknown) {
    t.state = state;
    t.error = error;
    t.result = result ?? null;
    t.endedAt = new Date().toISOString();
    if (state === 'succeeded') t.progress = 1;
    this.publish(t.id, true);
    this.evict();
  }

  private evict() {
    const finished = [...this.tasks.values()].filter((t) => t.state !== 'running').sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''));
    for (const t of finished.slice(this.keepFinished)) {
      this.tasks.delete(t.id);
      this.lastSent.delete(t.id);
    }
  }

  /** Sends the task now (`now`, or when the last send is long enough ago) or once the throttle window ends. */
  private publish(id: string, now = false) {
    const since = Date.now() - (this.lastSent.get(id) ?? 0);
    if (!now && since < this.publishEveryMs) {
      if (!this.pending.has(id))
        this.pending.set(
          id,
          setTimeout(() => this.send(id), this.publishEveryMs - since),
        );
      return;
    }
    this.send(id);
  }

  private send(id: string) {
    const timer = this.pending.get(id);
    if (timer) clearTimeout(timer);
    this.pending.delete(id);
    const t = this.tasks.get(id);
    if (!t) return;
    this.lastSent.set(id, Date.now());
    const msg: TaskMessage = { type: 'task', task: { ...t } };
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch {
        this.listeners.delete(l);
      }
    }
  }
}

/** What starting a task needs: the registry of the process's Berth (a Berth itself will do). */
export type HasTasks = { tasks: TaskRegistry };

/**
 * Runs `fn` as a background task the task panel shows: `startTask(b, 'pull', 'Pull app:1', hostId, async (report) => …)`.
 * Returns at once with the task (its id for the API answer) and `done`, the work's own promise.
 */
export function startTask<T>(
  b: HasTasks,
  kind: string,
  title: string,
  hostId: string | null,
  fn: (report: TaskReport) => Promise<T>,
  opts?: StartOptions,
): StartedTask<T> {
  return b.tasks.start(kind, title, hostId, fn, opts);
}

/**
 * Runs work as a task and waits for it, for routes that answer with the result (prunes, recreates): the answer is
 * unchanged and the task panel shows the work meanwhile.
 * `return runAsTask(berth, 'prune', 'Prune images', hostId, () => pruneDanglingImages(b, hostId, input), { by: principal.name })`
 */
export function runAsTask<T>(
  b: HasTasks,
  kind: string,
  title: string,
  hostId: string | null,
  fn: (report: TaskReport) => Promise<T>,
  opts?: StartOptions,
): Promise<T> {
  return startTask(b, kind, title, hostId, fn, opts).done;
}
