import type { AlertTransition } from '@/lib/alert-types';

/**
 * The delivery queue: one job per (transition, channel), sent at once in the background and retried with backoff.
 * It lives in memory on purpose: an alert is about now, and a delivery that waits for a restart is news nobody needs.
 * Bounded (oldest dropped, with a recorded failure) so a dead receiver cannot grow memory without end.
 */

/** Waits before attempts 2, 3, 4 and 5; after the fifth failure the job is given up. */
export const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** Delay before attempt `attempt + 1` after attempt `attempt` failed, or null when the job is given up. */
export function nextDelay(attempt: number, schedule: readonly number[] = BACKOFF_MS): number | null {
  return attempt >= 1 && attempt <= schedule.length ? schedule[attempt - 1]! : null;
}

export interface DeliveryJob {
  channelId: string;
  transition: AlertTransition;
  /** attempts made so far */
  attempt: number;
}

export interface AttemptOutcome {
  ok: boolean;
  /** what the receiver said: "200", "250 2.0.0 Ok", … */
  response: string | null;
  /** plain words when it failed */
  error: string | null;
  /** false when another attempt cannot help (channel deleted or disabled, bad settings) */
  retry?: boolean;
}

interface QueueHooks {
  /** one attempt; must not throw (a throw is taken as a failure) */
  attempt(job: DeliveryJob): Promise<AttemptOutcome>;
  /** records the attempt's result; must not throw */
  record(job: DeliveryJob, outcome: AttemptOutcome, status: 'delivered' | 'failed' | 'retrying'): Promise<void>;
}

interface QueueOptions {
  /** jobs waiting or running at most; more drops the oldest waiting one */
  capacity?: number;
  /** attempts in flight at once */
  concurrency?: number;
  schedule?: readonly number[];
}

export class DeliveryQueue {
  private readonly waiting: DeliveryJob[] = [];
  private readonly timers = new Map<DeliveryJob, NodeJS.Timeout>();
  private running = 0;
  private closed = false;
  private readonly capacity: number;
  private readonly concurrency: number;
  private readonly schedule: readonly number[];
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly hooks: QueueHooks,
    opts: QueueOptions = {},
  ) {
    this.capacity = opts.capacity ?? 1_000;
    this.concurrency = opts.concurrency ?? 8;
    this.schedule = opts.schedule ?? BACKOFF_MS;
  }

  /** jobs waiting to run, running, or waiting out a backoff */
  get size(): number {
    return this.waiting.length + this.running + this.timers.size;
  }

  enqueue(channelId: string, transition: AlertTransition): void {
    if (this.closed) return;
    this.makeRoom();
    this.waiting.push({ channelId, transition, attempt: 0 });
    this.pump();
  }

  /** resolves when nothing is waiting, running or scheduled (tests, shutdown) */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    this.checkIdle();
  }

  private makeRoom(): void {
    while (this.size >= this.capacity) {
      // the oldest job waiting for a retry goes first: it has failed already; then the oldest not yet started
      const [retrying] = this.timers.keys();
      const dropped = retrying ?? this.waiting.shift();
      if (!dropped) return; // everything is running: let the queue overflow by the running few
      if (retrying) {
        clearTimeout(this.timers.get(retrying));
        this.timers.delete(retrying);
      }
      const outcome = { ok: false, response: null, error: `dropped: more than ${this.capacity} deliveries were waiting` };
      void this.safeRecord({ ...dropped, attempt: Math.max(dropped.attempt, 1) }, outcome, 'failed');
    }
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.run(job);
    }
  }

  private async run(job: DeliveryJob): Promise<void> {
    const current = { ...job, attempt: job.attempt + 1 };
    let outcome: AttemptOutcome;
    try {
      outcome = await this.hooks.attempt(current);
    } catch (e) {
      outcome = { ok: false, response: null, error: (e as Error).message || String(e) };
    }
    const delay = outcome.ok || outcome.retry === false ? null : nextDelay(current.attempt, this.schedule);
    const status = outcome.ok ? 'delivered' : delay === null ? 'failed' : 'retrying';
    await this.safeRecord(current, outcome, status);
    this.running--;
    if (delay !== null && !this.closed) {
      const timer = setTimeout(() => {
        this.timers.delete(current);
        if (this.closed) return;
        this.waiting.push(current);
        this.pump();
      }, delay);
      timer.unref();
      this.timers.set(current, timer);
    }
    this.pump();
    this.checkIdle();
  }

  private async safeRecord(job: DeliveryJob, outcome: AttemptOutcome, status: 'delivered' | 'failed' | 'retrying'): Promise<void> {
    try {
      await this.hooks.record(job, outcome, status);
    } catch {
      // recording is best effort: a store hiccup must not stop deliveries
    }
  }

  private checkIdle(): void {
    if (this.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
