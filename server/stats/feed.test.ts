import { describe, expect, it } from 'vitest';
import type { StatsMessage } from '@/lib/stats-types';
import type { EngineStats } from '../docker/stats';
import { ContainerFeed, type FeedDeps, HISTORY_MS } from './feed';

/** A stand-in upstream the test drives by hand: counts opens and closes, and pushes readings when told. */
function fakeUpstream(diagnosis: Awaited<ReturnType<FeedDeps['diagnose']>> = 'container removed') {
  const st = { opens: 0, closes: 0, open: 0, push: (_r: EngineStats) => {}, end: () => {} };
  const deps: FeedDeps = {
    opened: () => st.opens++,
    open: async (reading, end) => {
      st.open++;
      st.push = reading;
      st.end = () => {
        st.open--;
        end();
      };
      return { close: () => (st.closes++, st.open--) };
    },
    diagnose: async () => diagnosis,
  };
  return { st, deps };
}

const clock = Date.parse('2026-11-22T10:00:00Z');
const reading = (sec: number, total: number): EngineStats => ({
  read: new Date(clock + sec * 1000).toISOString(),
  cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: 1e12 + sec * 2e9, online_cpus: 2 },
  memory_stats: { usage: 1000, limit: 4000, stats: { total_inactive_file: 200 } },
  pids_stats: { current: 2 },
});
const tick = () => new Promise((r) => setTimeout(r, 0));

function viewer() {
  const got: StatsMessage[] = [];
  return { got, v: (m: StatsMessage) => void got.push(m) };
}

describe('ContainerFeed: one upstream shared by every viewer', () => {
  it('opens one upstream for the first viewer, shares it, and closes it when the last leaves', async () => {
    const { st, deps } = fakeUpstream();
    const f = new ContainerFeed('c1', true, deps, () => clock);
    const a = viewer();
    const b = viewer();
    const offA = f.subscribe(a.v);
    const offB = f.subscribe(b.v);
    await tick();
    expect(st.opens).toBe(1);
    st.push(reading(1, 1e9));
    st.push(reading(2, 2e9));
    // the second reading's CPU comes from the first: 1e9 of 2e9 system ns × 2 CPUs
    const samples = (m: StatsMessage[]) => m.filter((x) => x.type === 'sample').map((x) => (x.type === 'sample' ? x.sample : null));
    expect(samples(a.got).map((s) => s?.cpu)).toEqual([null, 100]);
    expect(samples(b.got)).toEqual(samples(a.got));
    expect(samples(a.got)[0]?.memUsed).toBe(800);
    offA();
    offA();
    expect(st.closes).toBe(0);
    offB();
    expect(st.closes).toBe(1);
    expect(f.streaming).toBe(false);
  });

  it('a new viewer gets the kept history first, then live samples from a new upstream', async () => {
    const { st, deps } = fakeUpstream();
    const f = new ContainerFeed('c1', true, deps, () => clock);
    const off = f.subscribe(() => {});
    await tick();
    for (let i = 1; i <= 5; i++) st.push(reading(i, i * 1e9));
    off();
    const late = viewer();
    f.subscribe(late.v);
    expect(late.got[0]).toMatchObject({ type: 'history', live: true });
    expect(late.got[0].type === 'history' && late.got[0].samples).toHaveLength(5);
    await tick();
    expect(st.opens).toBe(2);
  });

  it('a viewer that leaves while the upstream is being opened does not leak it', async () => {
    const { st, deps } = fakeUpstream();
    const f = new ContainerFeed('c1', true, deps, () => clock);
    f.subscribe(() => {})();
    await tick();
    expect(st.closes).toBe(1);
    expect(st.open).toBe(0);
  });

  it('a stopped container: the viewer is told, the upstream closed, the history kept; it resumes on start', async () => {
    const { st, deps } = fakeUpstream();
    const f = new ContainerFeed('c1', true, deps, () => clock);
    const a = viewer();
    f.subscribe(a.v);
    await tick();
    st.push(reading(1, 1e9));
    f.end('container stopped');
    expect(a.got.at(-1)).toEqual({ type: 'end', reason: 'container stopped' });
    expect(st.open).toBe(0);
    const b = viewer();
    f.subscribe(b.v);
    expect(b.got[0]).toMatchObject({ type: 'history', live: false, reason: 'container stopped' });
    expect(b.got[0].type === 'history' && b.got[0].samples).toHaveLength(1);
    expect(st.opens).toBe(1);
    f.running();
    await tick();
    expect(a.got.at(-1)).toEqual({ type: 'resumed' });
    expect(st.opens).toBe(2);
  });

  it('an upstream the Engine ends is explained by asking the daemon (removed), and history ages out after an hour', async () => {
    const { st, deps } = fakeUpstream('container removed');
    let now = clock;
    const f = new ContainerFeed('c1', true, deps, () => now);
    const a = viewer();
    const off = f.subscribe(a.v);
    await tick();
    st.push(reading(1, 1e9));
    st.end();
    await tick();
    expect(a.got.at(-1)).toEqual({ type: 'end', reason: 'container removed' });
    f.running();
    expect(st.opens).toBe(1);
    off();
    expect(f.expired()).toBe(false);
    now = clock + HISTORY_MS + 2000;
    expect(f.expired()).toBe(true);
  });

  it('ignores the empty readings the Engine sends for a stopped container', async () => {
    const { st, deps } = fakeUpstream();
    const f = new ContainerFeed('c1', true, deps, () => clock);
    const a = viewer();
    f.subscribe(a.v);
    await tick();
    st.push({ read: '0001-01-01T00:00:00Z' });
    expect(a.got.filter((m) => m.type === 'sample')).toHaveLength(0);
  });
});
