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

async function run(script: string): Promise<string> {
  const name = uniqueName('logs-shared');
  created.push(name);
  await docker(ENGINE, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sh', '-c', script);
  return name;
}

/** One follower, as the logs view opens it: server-sent events, read as they arrive; `leave()` closes the tab. */
function follow(cid: string, query = 'follow=1') {
  const ctl = new AbortController();
  const req = new Request(`http://localhost:3000/api/v1/hosts/${host}/containers/${cid}/logs?${query}`, {
    headers: { host: 'localhost:3000', authorization: `Bearer ${adminToken}`, accept: 'text/event-stream' },
    signal: ctl.signal,
  });
  const seen: LogLine[] = [];
  let end: LogMessage | null = null;
  const done = (async () => {
    const res = await logs.GET(req, { params: Promise.resolve({ id: host, cid }) });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const r = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (r.done) return;
      buf += r.value;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const data = buf
          .slice(0, i)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buf = buf.slice(i + 2);
        if (!data) continue;
        const m = JSON.parse(data.slice(6)) as LogMessage;
        if (m.type === 'lines') seen.push(...m.lines);
        if (m.type === 'end') end = m;
      }
    }
  })();
  return { seen, end: () => end, leave: () => ctl.abort(), done, texts: () => seen.map((l) => l.line) };
}

describe('followed logs share one upstream Engine stream per container', () => {
  it('two followers share one upstream, both get a later line once, and the last leaving closes it', async () => {
    const hub = berth.logs;
    const name = await run('seq 1 5; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after-go; sleep 300');
    await waitFor('the first lines', async () => (await docker(ENGINE, 'logs', name)).includes('5'));
    const opensBefore = hub.upstreamOpens;
    const a = follow(name);
    await waitFor('follower a to read its backlog', () => a.seen.length === 5);
    const b = follow(name, 'follow=1&tail=2&timestamps=1');
    await waitFor('follower b to read its backlog', () => b.seen.length === 2);
    expect(hub.openUpstreams()).toBe(1);
    expect(hub.upstreamOpens - opensBefore).toBe(1);
    expect(a.texts()).toEqual(['1', '2', '3', '4', '5']);
    expect(b.texts()).toEqual(['4', '5']);
    expect(a.seen[0].ts).toBeUndefined();
    expect(b.seen[0].ts).toMatch(/^\d{4}-\d\d-\d\dT/);

    await docker(ENGINE, 'exec', name, 'touch', '/tmp/go');
    await waitFor('both followers to get the new line', () => a.texts().includes('after-go') && b.texts().includes('after-go'));
    // Nothing twice at the join of backlog and live stream, in either.
    expect(a.texts()).toEqual(['1', '2', '3', '4', '5', 'after-go']);
    expect(b.texts()).toEqual(['4', '5', 'after-go']);

    a.leave();
    await a.done;
    expect(hub.viewers(host, (await docker(ENGINE, 'inspect', '-f', '{{.Id}}', name)).trim())).toBe(1);
    expect(hub.openUpstreams()).toBe(1);
    b.leave();
    await b.done;
    await waitFor('the upstream to close', () => hub.openUpstreams() === 0);
  });

  it('a follower that joins an open stream misses nothing written meanwhile and repeats nothing', async () => {
    const hub = berth.logs;
    // 20 lines a second, numbered, so a gap or a duplicate at the join shows.
    const name = await run('i=0; while true; do i=$((i+1)); echo "n $i"; sleep 0.05; done');
    const a = follow(name, 'follow=1&tail=all');
    await waitFor('lines to flow', () => a.seen.length > 10);
    const b = follow(name, 'follow=1&tail=5');
    await waitFor('b to get live lines', () => b.seen.length > 20, 10_000);
    expect(hub.openUpstreams()).toBe(1);
    for (const f of [a, b]) {
      const ns = f.texts().map((t) => Number(t.slice(2)));
      expect(ns.every((n, i) => i === 0 || n === ns[i - 1] + 1)).toBe(true);
    }
    a.leave();
    b.leave();
    await Promise.all([a.done, b.done]);
    await waitFor('the upstream to close', () => hub.openUpstreams() === 0);
  });

  it('removing the container ends every follower with the reason', async () => {
    const hub = berth.logs;
    const name = await run('echo started; sleep 300');
    const a = follow(name);
    const b = follow(name);
    await waitFor('both followers to start', () => a.seen.length === 1 && b.seen.length === 1);
    expect(hub.openUpstreams()).toBe(1);
    await docker(ENGINE, 'rm', '-f', name);
    await Promise.all([a.done, b.done]);
    expect(a.end()).toEqual({ type: 'end', reason: 'container removed' });
    expect(b.end()).toEqual({ type: 'end', reason: 'container removed' });
    await waitFor('the upstream to close', () => hub.openUpstreams() === 0);
  });
});
