import type { Readable } from 'node:stream';
import type { Engine } from './connect';
import { engineError } from './engine-errors';

export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
}

export interface EventSubscription {
  close(): void;
}

/**
 * Follows the Engine's /events stream (newline-delimited JSON). `onEnd` fires once, with the reason, when the stream
 * ends for any reason other than close(); the caller decides whether and when to reconnect.
 */
export async function followEvents(
  engine: Engine,
  opts: { since?: number; filters?: Record<string, string[]> },
  onEvent: (e: EngineEvent) => void,
  onEnd: (err: Error) => void,
): Promise<EventSubscription> {
  const ctl = new AbortController();
  let stream: Readable;
  try {
    // No deadline, on purpose (see call.ts): the stream lives as long as the host runtime; close() aborts it.
    stream = (await engine.docker.getEvents({
      since: opts.since,
      filters: opts.filters ? JSON.stringify(opts.filters) : undefined,
      abortSignal: ctl.signal,
    } as never)) as unknown as Readable;
  } catch (e) {
    throw engineError(e, engine.target);
  }
  let closed = false;
  let ended = false;
  let buf = '';
  const end = (err: Error) => {
    if (closed || ended) return;
    ended = true;
    onEnd(err);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      try {
        onEvent(JSON.parse(line) as EngineEvent);
      } catch {
        // A line we cannot parse is not worth dropping the stream for; the next resync repairs any gap.
      }
    }
  });
  stream.on('error', (e) => end(engineError(e, engine.target)));
  stream.on('close', () => end(new Error(`the event stream of ${engine.target} closed`)));
  stream.on('end', () => end(new Error(`the event stream of ${engine.target} ended`)));
  return {
    close() {
      closed = true;
      ctl.abort();
      stream.destroy();
    },
  };
}
