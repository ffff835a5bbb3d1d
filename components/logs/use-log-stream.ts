'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogBuffer } from '@/lib/log-buffer';
import type { LogLine, LogMessage } from '@/lib/types';

export interface LogParams {
  follow: boolean;
  /** a number of lines, or "all" */
  tail: string;
  /** datetime-local values (the browser's local time), empty for none */
  since: string;
  until: string;
}

export type StreamStatus = 'connecting' | 'streaming' | 'ended' | 'error';

export interface StreamState {
  status: StreamStatus;
  /** why the stream ended, or what failed */
  reason: string | null;
  tty: boolean | null;
}

/** At most this many lines go into the buffer per animation frame; the rest wait for the next frame. */
const LINES_PER_FRAME = 10_000;

/** `base`: another log route of the same shape (a swarm service's logs) instead of the container's. */
export function logsUrl(hostId: string, cid: string, p: LogParams, extra: Record<string, string> = {}, base?: string): string {
  const q = new URLSearchParams({ tail: p.tail, timestamps: '1', ...extra });
  if (p.follow && !extra.download) q.set('follow', '1');
  // datetime-local has no zone: the browser reads it as local time, the server gets UTC.
  if (p.since) q.set('since', new Date(p.since).toISOString());
  if (p.until) q.set('until', new Date(p.until).toISOString());
  return `${base ?? `/api/v1/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(cid)}/logs`}?${q}`;
}

/** How long parsing may hold the main thread before it lets the page paint and handle input. */
const SLICE_MS = 8;
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Reads server-sent events from a fetch body (EventSource would reconnect by itself after the end message). A read
 * can bring megabytes at once when the page was busy, so parsing is cut into slices of SLICE_MS.
 */
async function readEvents(res: Response, onMessage: (m: LogMessage) => void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let scanned = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let from = 0;
    let sliceStart = performance.now();
    for (let sep = buf.indexOf('\n\n', Math.max(0, scanned - 1)); sep >= 0; sep = buf.indexOf('\n\n', from)) {
      const block = buf.slice(from, sep);
      from = sep + 2;
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(l[5] === ' ' ? 6 : 5))
        .join('\n');
      if (data) onMessage(JSON.parse(data) as LogMessage);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    buf = buf.slice(from);
    scanned = buf.length;
  }
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/**
 * One log stream for the viewer: lines go into `buffer` at most once per animation frame (however fast they
 * arrive), and `onFrame` is called after each such batch. A new `key` (other parameters, or a reload) starts over.
 * `measured`: the view measures every line on each batch (wrapped mode), so batches come less often as the buffer
 * grows; the fixed-row view's batch cost does not grow with the buffer, so it gets every frame.
 */
export function useLogStream(
  hostId: string,
  cid: string,
  params: LogParams,
  key: number,
  buffer: LogBuffer,
  onFrame: () => void,
  measured = false,
  base?: string,
): StreamState {
  const [state, setState] = useState<StreamState>({ status: 'connecting', reason: null, tty: null });
  // The latest callbacks, read by the stream's effect without reconnecting when they change.
  const frameRef = useRef(onFrame);
  const measuredRef = useRef(measured);
  useLayoutEffect(() => {
    frameRef.current = onFrame;
    measuredRef.current = measured;
  });
  const url = logsUrl(hostId, cid, params, {}, base);

  useEffect(() => {
    const ctl = new AbortController();
    let pending: LogLine[] = [];
    let cancel: (() => void) | null = null;
    buffer.clear();
    frameRef.current();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- each new stream starts as "connecting"; the stream is the external system
    setState({ status: 'connecting', reason: null, tty: null });

    let lastCommit = 0;
    const commit = () => {
      cancel = null;
      lastCommit = performance.now();
      const now = pending.length > LINES_PER_FRAME ? pending.splice(0, LINES_PER_FRAME) : pending;
      if (now === pending) pending = [];
      buffer.push(now);
      frameRef.current();
      if (pending.length) schedule();
    };
    // A hidden tab gets no animation frames: a timer moves lines into the buffer there, so they do not pile up.
    // In measured (wrapped) mode each commit makes the virtualizer lay out every line again (O(lines)), so a long
    // buffer is committed less often there: every frame up to 32,000 lines, at most every 100 ms at 200,000.
    const schedule = () => {
      if (cancel) return;
      if (document.hidden) {
        const t = setTimeout(commit, 250);
        cancel = () => clearTimeout(t);
        return;
      }
      const frame = () => {
        const f = requestAnimationFrame(commit);
        cancel = () => cancelAnimationFrame(f);
      };
      const wait = measuredRef.current ? lastCommit + Math.min(100, buffer.length / 2000) - performance.now() : 0;
      if (wait > 16) {
        const t = setTimeout(frame, wait);
        cancel = () => clearTimeout(t);
      } else frame();
    };
    const onMessage = (m: LogMessage) => {
      if (m.type === 'open') setState({ status: 'streaming', reason: null, tty: m.tty });
      else if (m.type === 'lines') {
        for (const l of m.lines) pending.push(l);
        if (pending.length > buffer.capacity) {
          buffer.dropped += pending.length - buffer.capacity;
          pending = pending.slice(-buffer.capacity);
        }
        schedule();
      } else if (m.type === 'end') {
        setState((s) => ({ ...s, status: m.error ? 'error' : 'ended', reason: m.reason }));
      }
    };

    (async () => {
      const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: ctl.signal, cache: 'no-store' });
      if (!res.ok) {
        setState({ status: 'error', reason: await errorText(res), tty: null });
        return;
      }
      await readEvents(res, onMessage);
      setState((s) => (s.status === 'streaming' || s.status === 'connecting' ? { ...s, status: 'error', reason: 'The connection to Berth was lost' } : s));
    })().catch((e: unknown) => {
      if (ctl.signal.aborted) return;
      setState((s) => ({ ...s, status: 'error', reason: `The connection to Berth was lost: ${(e as Error).message}` }));
    });

    return () => {
      ctl.abort();
      cancel?.();
    };
  }, [url, key, buffer]);

  return state;
}
