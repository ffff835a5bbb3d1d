import { describe, expect, it } from 'vitest';
import type { EngineStats } from '../docker/stats';
import { HostPoller } from './poller';

const reading = (total: number, system: number, mem: number): EngineStats => ({
  read: new Date().toISOString(),
  cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2 },
  memory_stats: { usage: mem, limit: 10_000 },
  networks: { eth0: { rx_bytes: 10, tx_bytes: 20 } },
  pids_stats: { current: 1 },
});

function setup(running: string[]) {
  const asked: string[] = [];
  let round = 0;
  const p = new HostPoller({
    hostId: 'h',
    intervalMs: 60_000,
    running: () => running,
    readOnce: async (id) => {
      asked.push(id);
      return reading(round * 1e9, 1e12 + round * 2e9, 1000);
    },
    liveSample: () => undefined,
  });
  return { p, asked, next: () => round++ };
}

describe('HostPoller: the list columns and host totals', () => {
  it('reads only the rows asked for, and only running ones; CPU % from two readings', async () => {
    const { p, asked, next } = setup(['a', 'b', 'c']);
    expect(p.touch(['a', 'x']).samples).toEqual({ a: null, x: null });
    await p.tick();
    expect(asked).toEqual(['a']);
    expect(p.touch(['a']).samples.a).toMatchObject({ cpu: null, memUsed: 1000 });
    next();
    await p.tick();
    expect(p.touch(['a']).samples.a?.cpu).toBeCloseTo(100, 6);
    p.stop();
  });

  it('forgets rows nobody asked about for three intervals: a closed tab costs nothing', async () => {
    const { p, asked } = setup(['a']);
    const t0 = Date.now();
    p.touch(['a'], t0);
    await p.tick(t0 + 1000);
    await p.tick(t0 + 200_000);
    expect(asked).toEqual(['a']);
    expect(p.watched).toBe(0);
  });

  it('sums every running container for the host totals', async () => {
    const { p } = setup(['a', 'b']);
    const got: number[] = [];
    const off = p.watchTotals((t) => got.push(t.memUsed, t.netRx, t.running, t.measured));
    await p.tick();
    expect(got).toEqual([2000, 20, 2, 2]);
    off();
    p.stop();
  });
});

describe('HostPoller: kept totals', () => {
  it('replays the last hour of totals to a new watcher before its first round', async () => {
    const { p } = setup(['a']);
    const off = p.watchTotals(() => {});
    await p.tick();
    await p.tick();
    off();
    const got: number[] = [];
    const off2 = p.watchTotals((t) => got.push(t.t));
    expect(got).toHaveLength(2);
    expect(got[0]).toBeLessThanOrEqual(got[1]);
    off2();
    // an hour later nothing is left to replay
    const late: number[] = [];
    p.watchTotals((t) => late.push(t.t), Date.now() + 61 * 60_000)();
    expect(late).toEqual([]);
    p.stop();
  });
});

describe('HostPoller: scrolling', () => {
  it('reads rows new on screen at once, alone, without re-reading the rows already there', async () => {
    const { p, asked } = setup(['a', 'b', 'c']);
    p.touch(['a', 'b']);
    await new Promise((r) => setTimeout(r, 120));
    expect(asked.sort()).toEqual(['a', 'b']);
    p.touch(['b', 'c']);
    await new Promise((r) => setTimeout(r, 120));
    expect(asked.sort()).toEqual(['a', 'b', 'c']);
    p.stop();
  });
});
