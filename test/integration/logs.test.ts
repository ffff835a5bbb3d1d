import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as logs from '@/app/api/v1/hosts/[id]/containers/[cid]/logs/route';
import type { LogLine, LogMessage } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { adminToken, docker, engineUnderTest, freshBerth, harness, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let host: string;
const created: string[] = [];

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  for (const name of created) await docker(ENGINE, 'rm', '-f', name).catch(() => undefined);
  await berth.close();
});

/** Runs a container that writes `script` and returns its name; `tty` gives it a terminal. */
async function run(script: string, opts: { tty?: boolean; wait?: boolean } = {}): Promise<string> {
  const name = uniqueName('logs');
  created.push(name);
  await docker(ENGINE, 'run', '-d', ...(opts.tty ? ['-t'] : []), '--name', name, h.TEST_IMAGE, 'sh', '-c', script);
  if (opts.wait !== false) await docker(ENGINE, 'wait', name);
  return name;
}

function get(cid: string, query: string, init: { accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
  const req = new Request(`http://localhost:3000/api/v1/hosts/${host}/containers/${cid}/logs?${query}`, {
    headers: { host: 'localhost:3000', authorization: `Bearer ${adminToken}`, ...(init.accept ? { accept: init.accept } : {}) },
    signal: init.signal,
  });
  return logs.GET(req, { params: Promise.resolve({ id: host, cid }) });
}

async function lines(cid: string, query = ''): Promise<LogLine[]> {
  const res = await get(cid, query);
  expect(res.status).toBe(200);
  return ((await res.json()) as { lines: LogLine[] }).lines;
}

/** The server-sent events of a response, as they arrive. */
async function* events(res: Response): AsyncGenerator<LogMessage> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data) yield JSON.parse(data.slice(6)) as LogMessage;
    }
  }
}

/** Reads events until `until` says stop; returns every line seen and the end message, if any. */
async function collect(it: AsyncGenerator<LogMessage>, until: (seen: LogLine[], m: LogMessage) => boolean) {
  const seen: LogLine[] = [];
  // it.next() rather than for-await: leaving a for-await loop would close the generator for the next call.
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const m = r.value;
    if (m.type === 'lines') seen.push(...m.lines);
    if (until(seen, m)) return { seen, last: m };
  }
  return { seen, last: null };
}

describe('container logs on a real daemon', () => {
  it('tells stdout from stderr for a non-TTY container, in order per stream', async () => {
    const name = await run('echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2');
    const got = await lines(name);
    expect(got.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(['out-1', 'out-2']);
    expect(got.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['err-1', 'err-2']);
    expect(got.every((l) => l.ts === undefined)).toBe(true);
    const stamped = await lines(name, 'timestamps=1');
    expect(stamped[0].ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
  });

  it('reads a TTY container raw: colours kept, no \\r, one stream', async () => {
    const name = await run('printf "\\033[31mred\\033[0m\\n"; echo plain', { tty: true });
    expect(await lines(name)).toEqual([
      { stream: 'stdout', line: '\x1b[31mred\x1b[0m' },
      { stream: 'stdout', line: 'plain' },
    ]);
  });

  it('honours tail, since and until', async () => {
    const name = await run('seq 1 50; sleep 1.2; echo late');
    expect((await lines(name, 'tail=3')).map((l) => l.line)).toEqual(['49', '50', 'late']);
    expect(await lines(name, 'tail=0')).toEqual([]);
    expect(await lines(name, 'tail=all')).toHaveLength(51);
    const all = await lines(name, 'tail=all&timestamps=1');
    const lateAt = Date.parse(all[50].ts!);
    const since = new Date(lateAt - 200).toISOString();
    expect((await lines(name, `tail=all&since=${since}`)).map((l) => l.line)).toEqual(['late']);
    expect(await lines(name, `tail=all&until=${since}`)).toHaveLength(50);
    expect((await get(name, 'tail=many')).status).toBe(400);
  });

  it('follows: a line the container writes later arrives on the open stream', async () => {
    const name = await run('echo ready; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after-go; sleep 300', { wait: false });
    const res = await get(name, 'follow=1');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const it = events(res);
    const first = await collect(it, (seen) => seen.some((l) => l.line === 'ready'));
    expect(first.seen.map((l) => l.line)).toEqual(['ready']);
    await docker(ENGINE, 'exec', name, 'touch', '/tmp/go');
    const next = await collect(it, (seen) => seen.length > 0);
    expect(next.seen).toEqual([{ stream: 'stdout', line: 'after-go' }]);
    await it.return(undefined);
  });

  it('ends a followed stream with "container removed" when the container is removed', async () => {
    const name = await run('echo started; sleep 300', { wait: false });
    const it = events(await get(name, 'follow=1'));
    await collect(it, (seen) => seen.some((l) => l.line === 'started'));
    await docker(ENGINE, 'rm', '-f', name);
    const { last } = await collect(it, (_s, m) => m.type === 'end');
    expect(last).toEqual({ type: 'end', reason: 'container removed' });
  });

  it('ends a followed stream with the exit code when the container stops', async () => {
    const name = await run('echo bye; sleep 1; exit 3', { wait: false });
    const { last } = await collect(events(await get(name, 'follow=1')), (_s, m) => m.type === 'end');
    expect(last).toEqual({ type: 'end', reason: 'container stopped (exit code 3)' });
  });

  it('brings a 1 MiB line whole (the Engine stores it in 16 KiB parts), TTY or not, with timestamps', async () => {
    const script = 'head -c 1048576 /dev/zero | tr "\\0" a; echo; echo next';
    for (const tty of [false, true]) {
      const name = await run(script, { tty });
      const got = await lines(name, 'timestamps=1');
      expect(got.map((l) => l.line.length)).toEqual([1048576, 4]);
      expect(/^a+$/.test(got[0].line)).toBe(true);
      const sse = await collect(events(await get(name, 'follow=1&timestamps=1')), (_s, m) => m.type === 'end');
      expect(sse.seen.map((l) => l.line.length)).toEqual([1048576, 4]);
    }
  });

  it('survives binary output: invalid UTF-8 shows as replacement characters', async () => {
    const name = await run('head -c 65536 /dev/urandom; printf "\\377\\376 after\\n"');
    const got = await lines(name, 'tail=all');
    expect(got.at(-1)!.line.endsWith('\uFFFD\uFFFD after')).toBe(true);
    const sse = await collect(events(await get(name, 'follow=1&tail=all')), (_s, m) => m.type === 'end');
    expect(sse.last).toMatchObject({ type: 'end' });
    expect(sse.seen.map((l) => l.line).join('\n')).toBe(got.map((l) => l.line).join('\n'));
  });

  it('downloads the log as a plain-text attachment', async () => {
    // stdout and stderr are copied separately by the Engine: the pause keeps their order in the file.
    const name = await run('echo one; sleep 0.2; echo two >&2');
    const res = await get(name, 'download=1&tail=all');
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${name}-.*\\.log"$`));
    expect(await res.text()).toBe('one\ntwo\n');
    const stamped = await (await get(name, 'download=1&timestamps=1')).text();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\S+Z one\n\S+ two\n$/);
  });

  it('stops reading from the Engine when the client goes away', async () => {
    const name = await run('while true; do echo tick; sleep 0.05; done', { wait: false });
    const ctl = new AbortController();
    const res = await get(name, 'follow=1', { signal: ctl.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ctl.abort();
    const done = await waitFor('the stream to close', async () => {
      for (;;) {
        const r = await reader.read().catch(() => ({ done: true }));
        if (r.done) return true;
      }
    });
    expect(done).toBe(true);
  });

  it('answers 404 for a container that does not exist', async () => {
    const res = await get('doesnotexist123', 'follow=1');
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/No container "doesnotexist123"/);
  });
});
