import { describe, expect, it } from 'vitest';
import type { Alert } from './alert-types';
import { reduceFiringAlerts } from './alerts-live';

const alert = (id: string, state: Alert['state'], lastAt = '2026-12-03T10:00:00Z'): Alert => ({
  id,
  ruleId: 'r',
  ruleName: 'died',
  kind: 'container-died',
  severity: 'warning',
  state,
  hostId: 'h1',
  hostName: 'a',
  subject: { type: 'container', id: 'c', name: 'web' },
  summary: 'web exited with code 1',
  firstAt: lastAt,
  lastAt,
  resolvedAt: null,
  count: 1,
  silenced: false,
});

describe('reduceFiringAlerts', () => {
  it('adds and replaces firing alerts, newest first, and drops resolved ones', () => {
    const old = [alert('a', 'firing')];
    const next = reduceFiringAlerts(old, [
      { type: 'alert', hostId: 'h1', alert: alert('b', 'firing', '2026-12-03T11:00:00Z') },
      { type: 'alert', hostId: 'h1', alert: alert('a', 'resolved') },
    ]);
    expect(next?.map((a) => a.id)).toEqual(['b']);
  });
  it('leaves an unfetched list and batches without alerts alone', () => {
    expect(reduceFiringAlerts(undefined, [{ type: 'alert', hostId: 'h1', alert: alert('a', 'firing') }])).toBeUndefined();
    const old = [alert('a', 'firing')];
    expect(reduceFiringAlerts(old, [{ type: 'host-removed', hostId: 'h2' }])).toBe(old);
  });
});
