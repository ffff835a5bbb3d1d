import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BerthError, invalid } from '../errors';
import { type FolderFiles, NO_FOLDER } from './env-files';
import type { LoadInput, LoadResult } from './load';
import { loadText, type Validation, validateText } from './validate';

/**
 * Validation of large compose files off the event loop. Parsing is linear, but a 1 MiB file still takes a second or
 * more, and every other request (health checks, streams, terminals) would wait that long. Files up to
 * `inlineMaxChars` (far larger than hand-written ones) are checked on the request's thread as before; larger ones go
 * to one worker process, one at a time, with a deadline: a file that needs more CPU time is refused as too complex and
 * the worker is killed, so no file can hold a CPU for good either. The deadline counts the worker's CPU time where
 * Linux tells it (a busy machine slows a check without making the file more complex), with a wall-clock backstop.
 *
 * A process rather than a worker thread: its every thread, V8's garbage-collection helpers included (half the CPU of
 * a large check), can run at a lower priority than the server without touching the server's own, and its heap limit
 * and a kill are clean. It is started from server/compose/validate-worker.mjs under the process's working directory
 * (the repository root, for `npm start`, `npm run dev`, the e2e server and vitest), because Next bundles this module's
 * route copy elsewhere, where paths relative to it do not lead to the sources.
 */
export const validationTuning = {
  /**
   * above this many characters (compose + .env), the worker checks the file: the densest shapes cost up to ~4 ms of
   * CPU per KiB on a loaded 2-core machine, so 16 KiB stays well under 100 ms, and hand-written files are far smaller
   */
  inlineMaxChars: 16 * 1024,
  /** the most CPU time one check may take in the worker (wall-clock time where the thread's CPU time is unknown) */
  timeoutMs: 10_000,
  /** the most wall-clock time one check may take, however busy the machine */
  wallTimeoutMs: 60_000,
  /** the most the worker may take to start (Node, tsx and the compose modules) */
  startTimeoutMs: 30_000,
  /** checks waiting for the worker beyond the running one; more are answered 429 */
  maxQueued: 4,
  /** an idle worker is ended after this long (it holds tens of MB) */
  idleMs: 60_000,
  /** the worker's heap: a file that needs more is too complex */
  maxHeapMb: 512,
};

export function workerFile(): string {
  return path.join(process.cwd(), 'server', 'compose', 'validate-worker.mjs');
}

/** `validate`: the editor's check; `load`: the whole model, for a deploy, a plan or a stack page. */
interface Job {
  id: number;
  kind: 'validate' | 'load';
  compose: string;
  env: string;
  project?: string;
  folder: FolderFiles;
  resolve: (v: Validation | LoadResult) => void;
  reject: (e: Error) => void;
}

const tooComplex = () =>
  invalid(
    `The compose file is too complex to check: validation did not finish within ${validationTuning.timeoutMs / 1000} s. Split it into smaller files or remove what is not compose configuration.`,
  );
const tooLarge = () =>
  invalid(`The compose file is too complex to check: validation needed more than ${validationTuning.maxHeapMb} MB of memory. Split it into smaller files.`);
const tooBusy = () => new BerthError('rate_limited', 'Berth is too busy to check a file this large now; try again in a minute', { retryAfterSeconds: 30 });

/** Nanoseconds the main thread of process `pid` has run on a CPU (Linux schedstat), or null where that is unknown. */
function cpuNs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** The worker and its queue: one per process, Berth's `validation`. */
export class ValidationPool {
  private worker: ChildProcess | null = null;
  private ready = false;
  private running: Job | null = null;
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private nextId = 1;

  run(job: Pick<Job, 'kind' | 'compose' | 'env' | 'project' | 'folder'>, queueLimit = validationTuning.maxQueued): Promise<Validation | LoadResult> {
    if (this.queue.length >= queueLimit) {
      return Promise.reject(
        new BerthError('rate_limited', 'Berth is checking other large compose files; try again in a few seconds', { retryAfterSeconds: 2 }),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, id: this.nextId++, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (!this.worker) return this.start();
    if (!this.ready) return;
    const job = this.queue.shift()!;
    this.running = job;
    this.worker.send({ id: job.id, kind: job.kind, compose: job.compose, env: job.env, project: job.project, folder: job.folder });
    this.watch();
  }

  /** The running check's deadline: its CPU time, checked a few times a second, or wall-clock time without it. */
  private watch(): void {
    const { timeoutMs, wallTimeoutMs } = validationTuning;
    const w = this.worker;
    const cpu0 = cpuNs(w?.pid);
    if (cpu0 === null) return this.arm(timeoutMs, tooComplex);
    this.arm(wallTimeoutMs, tooBusy);
    const job = this.running;
    const check = setInterval(
      () => {
        const cpu = cpuNs(w?.pid);
        if (w !== this.worker || job !== this.running || cpu === null) clearInterval(check);
        else if ((cpu - cpu0) / 1e6 > timeoutMs) {
          clearInterval(check);
          this.crashed(w, tooComplex());
        }
      },
      Math.min(250, timeoutMs),
    );
    check.unref();
  }

  private start(): void {
    const file = workerFile();
    if (!existsSync(file))
      return this.failAll(new Error(`Berth cannot check large compose files: its validation worker ${file} is missing (start Berth from its folder)`));
    // The comment keeps Turbopack from resolving the file at build time (the worker runs from the sources, not the
    // bundle). execArgv is replaced: the server's own (tsx's loader, --inspect…) are not for the worker.
    const w = fork(/* turbopackIgnore: true */ file, [], {
      execArgv: [`--max-old-space-size=${validationTuning.maxHeapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // an idle worker must not keep the server (or a test run) alive
    w.unref();
    w.channel?.unref();
    this.worker = w;
    this.ready = false;
    this.arm(validationTuning.startTimeoutMs, () => new Error(`Berth's validation worker did not start within ${validationTuning.startTimeoutMs / 1000} s`));
    w.on('message', (m: { ready?: true; id?: number; result?: Validation | LoadResult; error?: string }) => {
      if (w !== this.worker) return;
      if (m.ready) {
        this.ready = true;
        this.disarm();
        return this.pump();
      }
      const job = this.running;
      if (!job || m.id !== job.id) return;
      this.disarm();
      this.running = null;
      if (m.error !== undefined) job.reject(new Error(`Validation failed: ${m.error}`));
      else job.resolve(m.result!);
      this.pump();
      if (!this.running && !this.queue.length) this.idle = setTimeout(() => this.stop(), validationTuning.idleMs).unref();
    });
    w.on('error', (e) => this.crashed(w, e));
    // V8 aborts a process that passes its heap limit
    w.on('exit', (code, signal) =>
      this.crashed(
        w,
        signal === 'SIGABRT' || code === 134 ? tooLarge() : new Error(`Berth's validation worker stopped unexpectedly (${signal ?? `exit code ${code}`})`),
      ),
    );
  }

  /** A deadline for the worker's current step; when it passes the worker is ended and the step refused. */
  private arm(ms: number, error: () => Error): void {
    this.disarm();
    this.timer = setTimeout(() => this.crashed(this.worker, error()), ms);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The worker is gone (or must go): the running check fails with `error`, or all of them if it never started. */
  private crashed(w: ChildProcess | null, error: Error): void {
    if (!w || w !== this.worker) return;
    this.disarm();
    this.worker = null;
    w.kill('SIGKILL');
    const job = this.running;
    this.running = null;
    if (job) job.reject(error);
    else if (!this.ready) return this.failAll(error);
    this.pump();
  }

  private failAll(error: Error): void {
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private stop(): void {
    if (this.running || this.queue.length || !this.worker) return;
    const w = this.worker;
    this.worker = null;
    w.kill();
  }
}

/** What validation needs of Berth (a Berth itself will do). */
export type HasValidation = { validation: ValidationPool };

/** validateText, on the worker when the file is large (see above). */
export function validateCompose(b: HasValidation, compose: string, env: string, folder: FolderFiles = NO_FOLDER): Promise<Validation> {
  if (compose.length + env.length <= validationTuning.inlineMaxChars) return Promise.resolve(validateText(compose, env, folder));
  return b.validation.run({ kind: 'validate', compose, env, folder }) as Promise<Validation>;
}

/**
 * loadCompose for the paths that need the model (deploy, plan, scale, upgrade, stack pages, the health checker), on
 * the worker when the file is large, so a stored 1 MiB file does not hold the event loop for each of them either.
 * Such work waits its turn rather than being refused: only the editor's checks are turned away when many queue.
 */
export async function loadComposeOffThread(b: HasValidation, input: LoadInput): Promise<LoadResult> {
  const env = input.env ?? '';
  if (input.compose.length + env.length <= validationTuning.inlineMaxChars) return loadText(input);
  return (await b.validation.run(
    { kind: 'load', compose: input.compose, env, project: input.project, folder: input.folder ?? NO_FOLDER },
    Infinity,
  )) as LoadResult;
}
