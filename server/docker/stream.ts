import type { Readable } from 'node:stream';
import type { Engine } from './connect';
import { engineError } from './engine-errors';

/** How long the Engine may take to answer the request that opens a stream (the stream itself may then run for days). */
export const OPEN_TIMEOUT_MS = 15_000;

export interface StreamRequest {
  path: string;
  options: Record<string, string>;
  /** the Engine's status codes for this endpoint and what each means */
  statusCodes: Record<number, true | string>;
}

/**
 * Opens a long-lived Engine stream (logs, stats). The caller owns the stream; aborting `signal` (the browser went
 * away) closes it, and only the opening is bounded by OPEN_TIMEOUT_MS, so a quiet container's follow stream is not
 * cut. Errors come back as BerthErrors naming the host.
 */
export async function dialStream(engine: Engine, req: StreamRequest, signal: AbortSignal) {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => ctl.abort(Object.assign(new Error(`timed out after ${OPEN_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })), OPEN_TIMEOUT_MS);
  try {
    return await new Promise<Readable>((resolve, reject) => {
      engine.docker.modem.dial(
        { path: `${req.path}?`, method: 'GET', isStream: true, abortSignal: ctl.signal, statusCodes: req.statusCodes, options: req.options },
        (err, stream) => (err ? reject(err) : resolve(stream as Readable)),
      );
    });
  } catch (e) {
    signal.removeEventListener('abort', onAbort);
    throw engineError(e, engine.target);
  } finally {
    clearTimeout(timer);
  }
}
