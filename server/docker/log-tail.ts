import type { Engine } from './connect';
import { openLogStream, readLogs } from './logs';
import { READ_MS } from './call';

/**
 * The last `n` lines of a container's log as one bounded read (the diagnosis quotes them): the stream is opened
 * without follow, so the Engine ends it after the tail; `ms` bounds the whole read, not only its opening.
 */
export async function tailLines(engine: Engine, id: string, tty: boolean, n: number, ms = READ_MS): Promise<string[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  try {
    const stream = await openLogStream(engine, id, { tail: n, follow: false }, ctl.signal);
    return await new Promise<string[]>((resolve, reject) => {
      const lines: string[] = [];
      const reader = readLogs(
        engine,
        id,
        stream,
        { tty, follow: false },
        {
          lines: (batch) => lines.push(...batch.map((l) => l.line)),
          end: (reason, error) => (error ? reject(new Error(reason)) : resolve(lines)),
        },
      );
      ctl.signal.addEventListener('abort', () => {
        reader.close();
        reject(new Error(`reading the last ${n} log lines took longer than ${ms} ms`));
      });
    });
  } finally {
    clearTimeout(timer);
  }
}
