import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as containerStats from '@/app/api/v1/hosts/[id]/containers/[cid]/stats/route';
import * as hostStats from '@/app/api/v1/hosts/[id]/stats/route';
import type { ContainerStatsBatch, HostStatsTotals, StatsMessage } from '@/lib/stats-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName, waitFor } from './support';

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
/** Closers of every viewer a test opened, so one failing test does not leave streams open for the next. */
const open_: (() => void)[] = [];
afterEach(() => {
  for (const close of open_.splice(0)) close();
});
afterAll(async () => {
  for (const name of created) await docker(ENGINE, 'rm', '-f', name).catch(() => undefined);
  berth.stats.stop();
  await berth.close();
});

/** Runs a container and waits until the live cache knows it; returns its full id. */
async function run(script = 'sleep 300'): Promise<string> {
  const name = uniqueName('stats');
  created.push(name);
  const id = await docker(ENGINE, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sh', '-c', script);
  await waitFor('the container in the live cache', () => berth.fleet.runtime(host).containers.get(id)?.state === 'running', 10_000);
  return id;
}

/** Opens the stats SSE of a container and reads its messages as they come. */
function open(cid: string) {
  const ctl = new AbortController();
  const res = containerStats.GET(req(`/api/v1/hosts/${host}/containers/${cid}/stats`, { signal: ctl.signal }), params({ id: host, cid }));
  const got: StatsMessage[] = [];
  let ended = false;
  const reading = res.then(async (r) => {
    if (r.status !== 200) return r;
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buf += value;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const data = buf
          .slice(0, i)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buf = buf.slice(i + 2);
        if (data) got.push(JSON.parse(data.slice(6)) as StatsMessage);
      }
    }
    ended = true;
    return r;
  });
  void reading.catch(() => undefined);
  const samples = () => got.flatMap((m) => (m.type === 'sample' ? [m.sample] : []));
  open_.push(() => ctl.abort());
  return { res, got, samples, ended: () => ended, close: () => ctl.abort() };
}

/** Subscribes to a container's figures through the service, as every SSE viewer does. */
async function watch(cid: string) {
  const got: StatsMessage[] = [];
  const off = await berth.stats.subscribe(host, cid, (m) => void got.push(m));
  open_.push(off);
  const samples = () => got.flatMap((m) => (m.type === 'sample' ? [m.sample] : []));
  return { got, samples, close: off };
}

describe('live stats on a real daemon', () => {
  it('two viewers share one upstream Engine stream; the last to leave closes it', async () => {
    const stats = berth.stats;
    const id = await run();
    const before = stats.upstreamOpens;
    const a = await watch(id);
    const b = await watch(id);
    await waitFor('two samples on both streams', () => a.samples().length >= 2 && b.samples().length >= 2, 10_000);
    expect(a.got[0]).toMatchObject({ type: 'history', live: true });
    expect(stats.upstreamOpens - before).toBe(1);
    expect(stats.openUpstreams()).toBe(1);
    const s = a.samples().at(-1)!;
    expect(s.memUsed).toBeGreaterThan(0);
    expect(s.memLimit).toBeGreaterThan(s.memUsed);
    expect(s.pids).toBeGreaterThanOrEqual(1);
    expect(s.cpu).not.toBeNull();
    a.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect(stats.openUpstreams()).toBe(1);
    expect(b.samples().length).toBeGreaterThan(2);
    b.close();
    await waitFor('the upstream closed', () => stats.openUpstreams() === 0);
    // A third viewer gets the history kept so far, then a new upstream.
    const c = await watch(id);
    expect(c.got[0].type === 'history' && c.got[0].samples.length).toBeGreaterThanOrEqual(2);
    c.close();
    await waitFor('the upstream closed again', () => stats.openUpstreams() === 0);
  });

  it('a container burning CPU shows it, as docker stats would', async () => {
    const id = await run('while true; do :; done');
    const v = await watch(id);
    // A whole core when the machine is quiet; others' builds share these 2 cores, so only "clearly busy" is asserted.
    await waitFor('a busy sample', () => (v.samples().at(-1)?.cpu ?? 0) > 5, 10_000);
    v.close();
  });

  it('a container removed while its stats are open: the viewer is told, the stream closes, nothing is left open', async () => {
    const stats = berth.stats;
    const id = await run();
    const v = open(id);
    await waitFor('a sample', () => v.samples().length >= 1, 10_000);
    await docker(ENGINE, 'rm', '-f', id);
    await waitFor('the end message', () => v.got.some((m) => m.type === 'end' && m.reason === 'container removed'), 10_000);
    await waitFor('the response to end', () => v.ended());
    await waitFor('no upstream left', () => stats.openUpstreams() === 0);
    // Its history is still kept for a viewer who opens the page later.
    const later = open(id);
    await waitFor('history', () => later.got.length > 0);
    expect(later.got[0]).toMatchObject({ type: 'history', live: false, reason: 'container removed' });
    await waitFor('the late response to end', () => later.ended());
  });

  it("the service ends a removed container's feed and keeps no viewer or upstream (no leak)", async () => {
    const stats = berth.stats;
    const id = await run();
    const v = await watch(id);
    await waitFor('a sample', () => v.samples().length >= 1, 10_000);
    await docker(ENGINE, 'rm', '-f', id);
    await waitFor('the end message', () => v.got.some((m) => m.type === 'end' && m.reason === 'container removed'), 10_000);
    expect(stats.openUpstreams()).toBe(0);
    v.close();
    await expect(stats.subscribe(host, 'no-such-container-zz', () => {})).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a stopped container: viewers are told, the history stays, and samples resume when it starts again', async () => {
    const stats = berth.stats;
    const id = await run();
    const v = await watch(id);
    await waitFor('a sample', () => v.samples().length >= 1, 10_000);
    await docker(ENGINE, 'stop', '-t', '0', id);
    await waitFor('the stop message', () => v.got.some((m) => m.type === 'end' && m.reason === 'container stopped'), 10_000);
    await waitFor('no upstream left', () => stats.openUpstreams() === 0);
    const late = await watch(id);
    expect(late.got[0]).toMatchObject({ type: 'history', live: false, reason: 'container stopped' });
    expect(late.got[0].type === 'history' && late.got[0].samples.length).toBeGreaterThanOrEqual(1);
    const n = v.samples().length;
    await docker(ENGINE, 'start', id);
    await waitFor('samples again', () => v.got.some((m) => m.type === 'resumed') && v.samples().length > n, 10_000);
    v.close();
    late.close();
    await waitFor('no upstream left', () => stats.openUpstreams() === 0);
  });

  it('an unknown container is a 404 that names it', async () => {
    const r = await open('no-such-container-zz').res;
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/no-such-container-zz/);
  });

  it('the list columns: figures for the ids asked for, without opening a stream', async () => {
    const stats = berth.stats;
    const id = await run('while true; do :; done');
    const ask = async () => (await (await hostStats.GET(req(`/api/v1/hosts/${host}/stats?ids=${id}`), params({ id: host }))).json()) as ContainerStatsBatch;
    expect((await ask()).samples).toEqual({ [id]: null });
    const s = await waitFor(
      'memory and CPU',
      async () => {
        const x = (await ask()).samples[id];
        return x && x.cpu !== null ? x : undefined;
      },
      15_000,
    );
    expect(s.memUsed).toBeGreaterThan(0);
    expect(s.cpu).toBeGreaterThan(5);
    expect(stats.openUpstreams()).toBe(0);
    expect((await hostStats.GET(req(`/api/v1/hosts/${host}/stats?ids=web-1`), params({ id: host }))).status).toBe(400);
  });

  it('the host totals add up the running containers', async () => {
    await run();
    const ctl = new AbortController();
    const r = await hostStats.GET(req(`/api/v1/hosts/${host}/stats`, { signal: ctl.signal }), params({ id: host }));
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    let totals: HostStatsTotals | undefined;
    while (!totals) {
      const { value } = await reader.read();
      buf += value;
      const m = buf.match(/data: (.*)\n\n/);
      if (m) totals = JSON.parse(m[1]) as HostStatsTotals;
    }
    const running = [...berth.fleet.runtime(host).containers.values()].filter((c) => c.state === 'running').length;
    expect(totals.running).toBe(running);
    expect(totals.measured).toBeGreaterThan(0);
    expect(totals.memUsed).toBeGreaterThan(0);
    ctl.abort();
    expect((await hostStats.GET(req('/api/v1/hosts/nope/stats'), params({ id: 'nope' }))).status).toBe(404);
  });
});
