import { describe, expect, it } from 'vitest';
import { backoffMs, newTracker, observe, tick, type Tracker } from './state';

const spec = { healthy_threshold: 2, unhealthy_threshold: 3, initializing_timeout: 10_000 };
const run = (t: Tracker, results: boolean[], at = 0) => {
  const changes: string[] = [];
  for (const [i, ok] of results.entries()) {
    const r = observe(t, ok, ok ? null : 'refused', spec, at + i * 1000);
    t = r.tracker;
    if (r.changed) changes.push(`${r.changed.from}->${r.changed.to}`);
  }
  return { t, changes };
};

describe('health state machine', () => {
  it('becomes healthy only after healthy_threshold successes in a row', () => {
    const { t, changes } = run(newTracker(0), [true, false, true, true]);
    expect(t.state).toBe('healthy');
    expect(changes).toEqual(['initializing->healthy']);
    expect(run(newTracker(0), [true]).t.state).toBe('initializing');
  });

  it('failures while initializing do not count until the initializing timeout', () => {
    expect(run(newTracker(0), [false, false, false, false]).t.state).toBe('initializing');
    const late = observe(newTracker(0), false, 'refused', spec, 10_000);
    expect(late.changed).toEqual({ from: 'initializing', to: 'unhealthy' });
    expect(tick(newTracker(0), spec, 9_999).changed).toBeNull();
    expect(tick(newTracker(0), spec, 10_000).tracker.state).toBe('unhealthy');
  });

  it('a healthy container turns unhealthy after unhealthy_threshold failures in a row, and back after successes', () => {
    const healthy = run(newTracker(0), [true, true]).t;
    expect(run(healthy, [false, false, true, false, false]).t.state).toBe('healthy');
    const { t, changes } = run(healthy, [false, false, false]);
    expect(t.state).toBe('unhealthy');
    expect(t.lastError).toBe('refused');
    expect(changes).toEqual(['healthy->unhealthy']);
    expect(run(t, [true, true]).t.state).toBe('healthy');
  });

  it('recreation backs off exponentially up to a cap', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n))).toEqual([0, 5000, 10_000, 20_000]);
    expect(backoffMs(20)).toBe(300_000);
  });
});
