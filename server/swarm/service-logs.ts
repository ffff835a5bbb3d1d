import type { Readable } from 'node:stream';
import type { LogsQuery } from '@/lib/schemas/logs';
import type { LogLine, LogMessage } from '@/lib/types';
import type { Berth } from '../berth';
import { engineTime, type LogReader, type LogSink, readLogs } from '../docker/logs';
import { listTasks } from '../docker/service-calls';
import { nodeNames, openServiceLogStream, type RawService } from '../docker/swarm-services';
import { isBerthError, unreachable } from '../errors';
import { SSE_HEADERS, sseEvent, textStream } from '../http/sse';
import type { HostRuntime } from '../live/host-runtime';
import { tsKey, unixKey } from '../logs/order';
import { managerOf } from './environment';
import { labelled, splitDetails } from './service-log-lines';
import { readService } from './services';
import { taskName } from './tasks';

/**
 * A service's logs: every task's lines through the same shapes as a container's (server/logs/response.ts): server-sent
 * LogMessages for the log viewer, a text download, or one JSON answer. Each line is labelled with its task's name and
 * node ("web.1.abc123def456@node2 | …"). The backlog (tail/since) comes per task from the Engine, so it is put in time
 * order before it is sent; a follow opens the live stream first and drops the lines the backlog already had.
 * One Engine stream per viewer (no sharing as for containers: service logs are read less often, and each node's
 * agent streams to the manager anyway). The Engine has no "until" here, so lines after it are dropped by Berth.
 */

const MAX_BACKLOG = 200_000;
const REFRESH_MS = 2_000;

/** Task ids to "name@node", filled from /tasks and again (at most every 2 s) when a line names an unknown task. */
class TaskLabels {
  private labels = new Map<string, string>();
  private nodes = new Map<string, string>();
  private last = 0;
  constructor(
    private host: HostRuntime,
    private s: RawService,
  ) {}

  async load(): Promise<void> {
    this.last = Date.now();
    const [tasks, nodes] = await Promise.all([listTasks(this.host.engine, { service: [this.s.ID] }), nodeNames(this.host.engine)]);
    this.nodes = nodes;
    for (const t of tasks)
      if (t.ServiceID === this.s.ID) this.labels.set(t.ID, `${taskName(this.s.Spec.Name, t)}@${nodes.get(t.NodeID ?? '') ?? t.NodeID ?? '?'}`);
  }

  of(taskId: string | null, nodeId: string | null): string {
    if (!taskId) return this.s.Spec.Name;
    const known = this.labels.get(taskId);
    if (known) return known;
    if (Date.now() - this.last > REFRESH_MS) void this.load().catch(() => undefined);
    return `${this.s.Spec.Name}.${taskId.slice(0, 12)}@${this.nodes.get(nodeId ?? '') ?? nodeId ?? '?'}`;
  }
}

interface Reading {
  /** the backlog in time order, then live lines as they come; end() once */
  start(sink: LogSink): LogReader;
}

function reading(host: HostRuntime, s: RawService, labels: TaskLabels, q: LogsQuery, follow: boolean): Reading {
  const engine = host.engine;
  const until = q.until !== undefined ? unixKey(q.until) : undefined;
  const since = q.since !== undefined ? engineTime(q.since) : undefined;
  const shape = (l: LogLine): { line: LogLine; task: string | null; key: string } | null => {
    const d = splitDetails(l.line);
    const key = (l.ts && tsKey(l.ts)) || '';
    if (until && key > until) return null;
    const line: LogLine = { stream: l.stream, ...(q.timestamps && l.ts ? { ts: l.ts } : {}), line: labelled(labels.of(d.taskId, d.nodeId), d.message) };
    return { line, task: d.taskId, key };
  };
  return {
    start(sink) {
      const ctl = new AbortController();
      const readers: LogReader[] = [];
      let closed = false;
      let backlogDone = false;
      const held: { line: LogLine; task: string | null; key: string }[] = [];
      const lastOf = new Map<string | null, string>();
      const fail = (e: Error) => !closed && sink.end(`Could not read the service's log: ${e.message}`, true);
      const live = follow
        ? openServiceLogStream(engine, s.ID, { tail: 0, follow: true }, ctl.signal).then((stream) => {
            readers.push(
              readLogs(
                engine,
                s.ID,
                stream,
                { tty: false, follow: false },
                {
                  lines: (batch) => {
                    const shaped = batch.map(shape).filter((x) => x !== null);
                    if (!backlogDone) return void held.push(...shaped);
                    sink.lines(shaped.map((x) => x.line));
                  },
                  end: (reason, error) => void ended(reason, error),
                },
              ),
            );
          })
        : Promise.resolve();
      const ended = async (reason: string, error?: boolean) => {
        if (closed) return;
        if (error || !follow) return sink.end(reason, error);
        // A follow ends when the service goes (or the manager closes it): say which.
        const gone = await readService(host, s.ID).then(
          () => false,
          (e: unknown) => isBerthError(e) && e.kind === 'not_found',
        );
        if (!closed) sink.end(gone ? 'service removed' : 'the Engine closed the log stream');
      };
      live
        .then(() => openServiceLogStream(engine, s.ID, { tail: q.tail, since, follow: false }, ctl.signal))
        .then((stream: Readable) => {
          const backlog: { line: LogLine; task: string | null; key: string }[] = [];
          readers.push(
            readLogs(
              engine,
              s.ID,
              stream,
              { tty: false, follow: false },
              {
                lines: (batch) => {
                  for (const x of batch.map(shape)) if (x) backlog.push(x);
                  if (backlog.length > MAX_BACKLOG * 2) backlog.splice(0, backlog.length - MAX_BACKLOG);
                },
                end: (reason, error) => {
                  if (error) return void ended(reason, error);
                  backlog.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
                  const keep = typeof q.tail === 'number' ? backlog.slice(-q.tail || backlog.length) : backlog;
                  if (q.tail === 0) keep.length = 0;
                  for (const x of backlog) if ((lastOf.get(x.task) ?? '') < x.key) lastOf.set(x.task, x.key);
                  if (keep.length) sink.lines(keep.map((x) => x.line));
                  backlogDone = true;
                  const fresh = held.filter((x) => x.key > (lastOf.get(x.task) ?? ''));
                  if (fresh.length) sink.lines(fresh.map((x) => x.line));
                  if (!follow) void ended('end of log');
                },
              },
            ),
          );
        })
        .catch(fail);
      return {
        pause: () => readers.forEach((r) => r.pause()),
        resume: () => readers.forEach((r) => r.resume()),
        close() {
          closed = true;
          readers.forEach((r) => r.close());
          ctl.abort();
        },
      };
    },
  };
}

interface ServiceLogs {
  service: { id: string; name: string };
  lines: LogLine[];
}

export async function serviceLogs(b: Berth, hostId: string, ref: string, q: LogsQuery, req: Request): Promise<ServiceLogs | Response> {
  const { host } = await managerOf(b, hostId);
  const s = await readService(host, ref);
  const labels = new TaskLabels(host, s);
  await labels.load();
  const follow = q.follow && !q.download;
  const wantsSse = follow || (req.headers.get('accept') ?? '').includes('text/event-stream');
  const r = reading(host, s, labels, q, follow);
  if (!q.download && !wantsSse) {
    const lines: LogLine[] = [];
    await new Promise<void>((resolve, reject) =>
      r.start({ lines: (batch) => lines.push(...batch), end: (reason, error) => (error ? reject(unreachable(reason)) : resolve()) }),
    );
    return { service: { id: s.ID, name: s.Spec.Name }, lines };
  }
  const sse = (m: LogMessage) => sseEvent(m);
  const body = textStream(
    req,
    (out) => {
      // declared before the sink that pauses it: the first write may come before start() returns
      let reader: LogReader | undefined = undefined;
      const write = (text: string) => {
        const room = out.write(text);
        if (room !== null && room <= 0) reader?.pause();
      };
      if (!q.download) write(sse({ type: 'open', id: s.ID, name: s.Spec.Name, tty: false, state: 'running' }));
      reader = r.start({
        lines: (batch) => write(q.download ? batch.map((l) => (l.ts ? `${l.ts} ${l.line}\n` : `${l.line}\n`)).join('') : sse({ type: 'lines', lines: batch })),
        end: (reason, error) => {
          if (q.download) {
            if (error) write(`\n[berth] the log ended early: ${reason}\n`);
          } else write(sse(error ? { type: 'end', reason, error } : { type: 'end', reason }));
          out.close();
        },
      });
      return { stop: () => reader?.close(), pull: () => reader?.resume() };
    },
    { keepalive: !q.download, highWaterBytes: 1024 * 1024 },
  );
  const headers: Record<string, string> = q.download
    ? {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${s.Spec.Name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log"`,
        'cache-control': 'no-store',
      }
    : SSE_HEADERS;
  return new Response(body, { headers });
}
