import type { LogsQuery } from '@/lib/schemas/logs';
import type { LogLine, LogMessage } from '@/lib/types';
import type { Berth } from '../berth';
import type { Principal } from '../auth/policy';
import { isSensitive, maySeeSecrets } from '../auth/sensitive';
import { inspectContainer } from '../docker/containers';
import { type LogReader, openLogStream, readLogs } from '../docker/logs';
import { forbidden, unreachable } from '../errors';
import { SSE_HEADERS, sseEvent, textStream } from '../http/sse';

/** How much may wait for a slow reader before Berth stops reading from the Engine. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** How far a browser may fall behind a shared live stream (which does not wait for it) before it is let go. */
const MAX_LAG_BYTES = 32 * 1024 * 1024;

interface Format {
  start?: string;
  lines(batch: LogLine[]): string;
  end(reason: string, error?: boolean): string | null;
}

export interface ContainerLogs {
  container: { id: string; name: string; tty: boolean; state: string };
  lines: LogLine[];
}

/**
 * A container's logs, three ways: server-sent events of LogMessage (follow=1, or Accept: text/event-stream), a
 * plain-text attachment (download=1, never follows), or one JSON answer. A follow without "until" joins the one
 * live Engine stream of the container shared by all its followers (hub.ts), after its own backlog read; anything else
 * reads one Engine stream per request. Whatever this request holds is let go when the client leaves.
 */
export async function containerLogs(
  b: Berth,
  principal: Principal,
  hostId: string,
  cid: string,
  q: LogsQuery,
  req: Request,
): Promise<ContainerLogs | Response> {
  const engine = b.fleet.runtime(hostId).engine;
  const follow = q.follow && !q.download;
  const wantsSse = follow || (req.headers.get('accept') ?? '').includes('text/event-stream');
  // Followed without an end time: one upstream Engine stream per container, shared by every viewer.
  const shared = follow && q.until === undefined;
  const ctl = new AbortController();
  // Both at once, to save a round trip before the first line: inspect says whether the stream is multiplexed (and
  // answers 404 in words), the log stream is opened by the same name or id.
  const [inspected, opened] = await Promise.allSettled([
    inspectContainer(b.fleet.runtime(hostId), cid),
    shared ? Promise.resolve(null) : openLogStream(engine, cid, { tail: q.tail, since: q.since, until: q.until, follow }, ctl.signal),
  ]);
  if (inspected.status === 'rejected' || opened.status === 'rejected') {
    ctl.abort();
    if (opened.status === 'fulfilled') opened.value?.destroy();
    throw inspected.status === 'rejected' ? inspected.reason : (opened as PromiseRejectedResult).reason;
  }
  const c = inspected.value;
  const upstream = opened.value;
  if (isSensitive(c.labels) && !maySeeSecrets(principal, hostId)) {
    upstream?.destroy();
    throw forbidden('This container is marked sensitive (io.berth.sensitive): its logs need the operator or admin role on this host');
  }
  const opts = { tty: c.tty, follow, until: q.until };
  const strip = (l: LogLine): LogLine => (q.timestamps || !l.ts ? l : { stream: l.stream, line: l.line });

  if (!q.download && !wantsSse) {
    const lines: LogLine[] = [];
    await new Promise<void>((resolve, reject) =>
      readLogs(engine, c.id, upstream!, opts, {
        lines: (batch) => lines.push(...batch.map(strip)),
        end: (reason, error) => (error ? reject(unreachable(reason)) : resolve()),
      }),
    );
    return { container: { id: c.id, name: c.name, tty: c.tty, state: c.state }, lines };
  }

  const sse = (m: LogMessage) => sseEvent(m);
  const fmt: Format = q.download
    ? {
        lines: (batch) => batch.map((l) => (q.timestamps && l.ts ? `${l.ts} ${l.line}\n` : `${l.line}\n`)).join(''),
        end: (reason, error) => (error ? `\n[berth] the log ended early: ${reason}\n` : null),
      }
    : {
        start: sse({ type: 'open', id: c.id, name: c.name, tty: c.tty, state: c.state }),
        lines: (batch) => sse({ type: 'lines', lines: batch.map(strip) }),
        end: (reason, error) => sse(error ? { type: 'end', reason, error } : { type: 'end', reason }),
      };
  const body = textStream(
    req,
    (out) => {
      // declared before the sink that pauses it: the sink may be called while follow() is still returning the reader
      // eslint-disable-next-line prefer-const
      let reader: LogReader | undefined;
      let ending = false;
      const sink = {
        lines: (batch: LogLine[]) => push(fmt.lines(batch)),
        end: (reason: string, error?: boolean) => {
          if (ending) return;
          ending = true;
          const last = fmt.end(reason, error);
          if (last) push(last);
          out.close();
        },
      };
      const push = (s: string) => {
        const room = out.write(s);
        if (room === null) return;
        if (room <= 0) reader?.pause();
        // Shared live lines are not held back for one slow browser: this far behind, it is let go.
        if (shared && room < -MAX_LAG_BYTES) sink.end('This browser fell too far behind the live log: reload to continue', true);
      };
      if (fmt.start) push(fmt.start);
      reader = shared
        ? b.logs.follow(engine, hostId, { id: c.id, tty: c.tty }, { tail: q.tail, since: q.since }, sink)
        : readLogs(engine, c.id, upstream!, opts, sink);
      return {
        stop: () => {
          reader?.close();
          ctl.abort();
        },
        pull: () => reader?.resume(),
      };
    },
    { keepalive: !q.download, highWaterBytes: HIGH_WATER_BYTES },
  );

  const headers: Record<string, string> = q.download
    ? {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${c.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log"`,
        'cache-control': 'no-store',
      }
    : SSE_HEADERS;
  return new Response(body, { headers });
}
