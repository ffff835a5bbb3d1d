import { type Engine, withTimeout } from './connect';
import { engineError } from './engine-errors';

/** The deadline of a call that only reads (inspect, list): a healthy daemon answers in milliseconds. */
export const READ_MS = 15_000;
/** The deadline of a call that changes something (create, start, connect, rename, tag). */
export const WRITE_MS = 60_000;
/** Stopping waits out the container's stop timeout (10 s by default, up to a minute when set) before the kill. */
export const STOP_MS = 70_000;

/**
 * The one way Berth makes an Engine call: with a deadline (READ_MS unless given), so one slow daemon cannot hold up
 * a caller, and failures said as a BerthError naming the host. `run` gets the signal that aborts the request when
 * the deadline passes; pass it on as dockerode's `abortSignal`.
 */
export async function call<T>(engine: Engine, run: (signal: AbortSignal) => Promise<T>, ms: number = READ_MS): Promise<T> {
  try {
    return await withTimeout(ms, run);
  } catch (e) {
    throw engineError(e, engine.target);
  }
}

/*
 * Calls without a deadline, on purpose, each saying so where it is made: the streams that live as long as their work
 * or their viewer, whose end the caller watches. openProgress (registry-calls.ts: pull and build progress), dialStream
 * (stream.ts: logs and stats, only the opening is bounded), followEvents (events.ts: /events) and the exec attach
 * (exec.ts: the terminal). A deadline there would cut a slow pull or a quiet follow.
 */

/**
 * A create call's options for the request body only. Given plainly, dockerode (docker-modem) also writes every option
 * into the URL's query string: a container's environment with its passwords, a volume's driver options with a mount
 * password, all labels. The Engine reads them from the body alone, and URLs are what proxies and debug logs record.
 * `query` is what the Engine does read from the URL (a container's name and platform).
 */
export const bodyOnly = <B extends object>(body: B, query: Record<string, string> = {}) => ({ _query: query, _body: body });
