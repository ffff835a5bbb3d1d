import type { Readable } from 'node:stream';
import type { LogLine } from '@/lib/types';
import { logDecoder } from './log-frames';
import { call } from './call';
import type { Engine } from './connect';
import { engineError } from './engine-errors';
import { dialStream, OPEN_TIMEOUT_MS } from './stream';

/** Container logs: the Engine call, batching, and why a stream ended. The byte-level work is in log-frames.ts. */

export interface LogOptions {
  tail: number | 'all';
  /** unix seconds */
  since?: number;
  until?: number;
  follow: boolean;
}

/** Unix seconds as the Engine parses them: "seconds.nanoseconds". */
export function engineTime(s: number): string {
  const sec = Math.floor(s);
  return `${sec}.${String(Math.round((s - sec) * 1e9))
    .padStart(9, '0')
    .slice(0, 9)}`;
}

/**
 * Opens the Engine's log stream of one container. The caller owns the stream; aborting `signal` (the browser went
 * away) closes it.
 */
export async function openLogStream(engine: Engine, id: string, o: LogOptions, signal: AbortSignal): Promise<Readable> {
  const options: Record<string, string> = { stdout: '1', stderr: '1', timestamps: '1', follow: o.follow ? '1' : '0', tail: String(o.tail) };
  if (o.since !== undefined) options.since = engineTime(o.since);
  if (o.until !== undefined) options.until = engineTime(o.until);
  try {
    return await dialStream(
      engine,
      {
        path: `/containers/${encodeURIComponent(id)}/logs`,
        options,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error', 501: 'not implemented' },
      },
      signal,
    );
  } catch (e) {
    const err = e as ReturnType<typeof engineError>;
    if (err.kind === 'not_found') err.message = `No container "${id}" on this host: it may have been removed`;
    throw err;
  }
}

export interface LogSink {
  lines(batch: LogLine[]): void;
  /** called once, last */
  end(reason: string, error?: boolean): void;
}

export interface LogReader {
  /** stop reading from the Engine until resume(): the browser is not keeping up */
  pause(): void;
  resume(): void;
  close(): void;
}

/** Lines are sent in batches: at most this many, or this many bytes, or after this long. */
const BATCH_LINES = 2000;
const BATCH_BYTES = 256 * 1024;
const BATCH_MS = 10;

/**
 * Reads an open log stream into batches of whole lines. When it ends, says why: the end of the log, the container
 * stopping, or the container being removed (the Engine ends a follow stream when the container stops, so a
 * follow that ends is checked against the container's state).
 */
export function readLogs(engine: Engine, id: string, stream: Readable, o: { tty: boolean; follow: boolean; until?: number }, sink: LogSink): LogReader {
  let batch: LogLine[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  let lastFlush = 0;
  let done = false;
  const cancel = () => {
    clearTimeout(timer as NodeJS.Timeout);
    clearImmediate(timer as NodeJS.Immediate);
    timer = undefined;
  };
  const flush = () => {
    cancel();
    if (!batch.length || done) return;
    const b = batch;
    batch = [];
    bytes = 0;
    lastFlush = Date.now();
    sink.lines(b);
  };
  // After a quiet spell, lines go out as soon as the chunks already read are decoded (setImmediate); under a steady
  // flow they are held for up to BATCH_MS, so a busy container costs at most ~100 messages a second, not one a line.
  const decoder = logDecoder(o.tty, (l) => {
    batch.push(l);
    bytes += l.line.length;
    if (batch.length >= BATCH_LINES || bytes >= BATCH_BYTES) flush();
    else if (!timer) {
      const wait = lastFlush + BATCH_MS - Date.now();
      timer = wait > 0 ? setTimeout(flush, wait) : setImmediate(flush);
    }
  });
  const finish = (reason: string, error?: boolean) => {
    if (done) return;
    flush();
    done = true;
    sink.end(reason, error);
  };
  let ended = false;
  const opened = Date.now();
  const onEnd = (err?: Error) => {
    if (ended) return;
    ended = true;
    decoder.end();
    if (err) return finish(`Lost the log stream: ${engineError(err, engine.target).message}`, true);
    if (!o.follow) return finish('end of log');
    if (o.until !== undefined && o.until * 1000 <= Date.now()) return finish('reached the "until" time');
    void whyEnded(engine, id, opened).then((r) => finish(r));
  };
  stream.on('data', (c: Buffer) => decoder.push(c));
  stream.on('end', () => onEnd());
  stream.on('error', (e) => onEnd(e));
  stream.on('close', () => onEnd());
  return {
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    close() {
      done = true;
      cancel();
      stream.destroy();
    },
  };
}

/** A removal kills the container first, which ends the stream; the container shows as "removing" until it is gone. */
async function whyEnded(engine: Engine, id: string, opened: number): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const c = await call(engine, (abortSignal) => engine.docker.getContainer(id).inspect({ abortSignal }), OPEN_TIMEOUT_MS);
      const state = c.State?.Status ?? 'unknown';
      if ((state === 'removing' || state === 'dead') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (state === 'exited') return `container stopped (exit code ${c.State?.ExitCode ?? '?'})`;
      if (state === 'running') return Date.parse(c.State.StartedAt) >= opened ? 'container restarted' : 'the Engine closed the log stream';
      return `container ${state}`;
    } catch (e) {
      const err = engineError(e, engine.target);
      return err.kind === 'not_found' ? 'container removed' : `the log stream ended: ${err.message}`;
    }
  }
}
