import { ContainerRef } from '@/lib/schemas/containers';
import { LogsQuerySchema } from '@/lib/schemas/logs';
import type { LogLine, LogMessage } from '@/lib/types';
import { inspectContainer } from '@/server/docker/containers';
import { forbidden, unreachable } from '@/server/errors';
import { isSensitive, maySeeSecrets } from '@/server/auth/sensitive';
import { type LogReader, openLogStream, readLogs } from '@/server/docker/logs';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

const KEEPALIVE_MS = 15_000;
/** How much may wait for a slow reader before Berth stops reading from the Engine. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** How far a browser may fall behind a shared live stream (which does not wait for it) before it is let go. */
const MAX_LAG_BYTES = 32 * 1024 * 1024;

interface Format {
  start?: string;
  lines(batch: LogLine[]): string;
  end(reason: string, error?: boolean): string | null;
}

const sse = (m: LogMessage) => `data: ${JSON.stringify(m)}\n\n`;

/**
 * A container's logs, three ways: server-sent events of LogMessage (follow=1, or Accept: text/event-stream), a
 * plain-text attachment (download=1, never follows), or one JSON answer. A follow without "until" joins the one
 * live Engine stream of the container shared by all its followers (server/logs/hub.ts), after its own backlog read;
 * anything else reads one Engine stream per request. Whatever this request holds is let go when the client leaves.
 */
export const GET = route<P>('read', async ({ req, params, berth, principal }) => {
  const cid = parse(ContainerRef, params.cid);
  const q = parse(LogsQuerySchema, queryOf(req));
  const engine = berth.fleet.runtime(params.id).engine;
  const follow = q.follow && !q.download;
  const wantsSse = follow || (req.headers.get('accept') ?? '').includes('text/event-stream');
  // Followed without an end time: one upstream Engine stream per container, shared by every viewer (server/logs).
  const shared = follow && q.until === undefined;
  const ctl = new AbortController();
  // Both at once, to save a round trip before the first line: inspect says whether the stream is multiplexed (and
  // answers 404 in words), the log stream is opened by the same name or id.
  const [inspected, opened] = await Promise.allSettled([
    inspectContainer(engine, params.id, cid),
    shared ? Promise.resolve(null) : openLogStream(engine, cid, { tail: q.tail, since: q.since, until: q.until, follow }, ctl.signal),
  ]);
  if (inspected.status === 'rejected' || opened.status === 'rejected') {
    ctl.abort();
    if (opened.status === 'fulfilled') opened.value?.destroy();
    throw inspected.status === 'rejected' ? inspected.reason : (opened as PromiseRejectedResult).reason;
  }
  const c = inspected.value;
  const upstream = opened.value;
  if (isSensitive(c.labels) && !maySeeSecrets(principal, params.id)) {
    upstream?.destroy();
    throw forbidden('This container is marked sensitive (io.berth.sensitive): its logs need the operator or admin role on this host');
  }
  const opts = { tty: c.tty, follow, until: q.until };
  const strip = (l: LogLine): LogLine => (q.timestamps || !l.ts ? l : { stream: l.stream, line: l.line });

  if (!q.download && !wantsSse) {
    const lines: LogLine[] = [];
    await new Promise<void>((resolve, reject) =>
      readLogs(engine, c.id, upstream!, opts, {
        lines: (b) => lines.push(...b.map(strip)),
        end: (reason, error) => (error ? reject(unreachable(reason)) : resolve()),
      }),
    );
    return { container: { id: c.id, name: c.name, tty: c.tty, state: c.state }, lines };
  }

  const fmt: Format = q.download
    ? {
        lines: (b) => b.map((l) => (q.timestamps && l.ts ? `${l.ts} ${l.line}\n` : `${l.line}\n`)).join(''),
        end: (reason, error) => (error ? `\n[berth] the log ended early: ${reason}\n` : null),
      }
    : {
        start: sse({ type: 'open', id: c.id, name: c.name, tty: c.tty, state: c.state }),
        lines: (b) => sse({ type: 'lines', lines: b.map(strip) }),
        end: (reason, error) => sse(error ? { type: 'end', reason, error } : { type: 'end', reason }),
      };
  const enc = new TextEncoder();
  let reader: LogReader | undefined;
  let keepalive: NodeJS.Timeout | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    clearInterval(keepalive);
    reader?.close();
    ctl.abort();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let ending = false;
        const sink = {
          lines: (b: LogLine[]) => push(fmt.lines(b)),
          end: (reason: string, error?: boolean) => {
            if (ending) return;
            ending = true;
            const last = fmt.end(reason, error);
            if (last) push(last);
            if (closed) return;
            stop();
            controller.close();
          },
        };
        const push = (s: string) => {
          if (closed) return;
          controller.enqueue(enc.encode(s));
          const room = controller.desiredSize ?? 1;
          if (room <= 0) reader?.pause();
          // Shared live lines are not held back for one slow browser: this far behind, it is let go.
          if (shared && room < -MAX_LAG_BYTES) sink.end('This browser fell too far behind the live log: reload to continue', true);
        };
        if (fmt.start) push(fmt.start);
        reader = shared
          ? berth.logs.follow(engine, params.id, { id: c.id, tty: c.tty }, { tail: q.tail, since: q.since }, sink)
          : readLogs(engine, c.id, upstream!, opts, sink);
        if (!q.download) keepalive = setInterval(() => push(': keepalive\n\n'), KEEPALIVE_MS);
        req.signal.addEventListener('abort', () => {
          if (closed) return;
          stop();
          try {
            controller.close();
          } catch {
            // the client already went away
          }
        });
      },
      pull() {
        reader?.resume();
      },
      cancel: stop,
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );

  const headers: Record<string, string> = q.download
    ? {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${c.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log"`,
        'cache-control': 'no-store',
      }
    : { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' };
  return new Response(body, { headers });
});
