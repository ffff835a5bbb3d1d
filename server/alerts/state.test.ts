import { describe, expect, it } from 'vitest';
import { AlertRuleCreateSchema, type MaintenanceWindowView } from '@/lib/schemas/alerts';
import { type Outcome, ruleOf } from './evaluate';
import { apply, newOpenAlerts, prune, resolveAlert, unsilence } from './state';

/** Dedup, cooldown and maintenance windows, on outcomes as evaluate.ts makes them. */
const rule = ruleOf({ id: 'r1', ...AlertRuleCreateSchema.parse({ name: 'died', kind: 'container-died', cooldownSeconds: 60 }), createdAt: '', updatedAt: '' });
const fire = (summary = 'web exited with code 1'): Outcome => ({
  op: 'fire',
  hostId: 'h1',
  subject: { type: 'container', id: 'c1', name: 'web' },
  stack: 'shop',
  summary,
});
const resolve: Outcome = { op: 'resolve', hostId: 'h1', subject: { type: 'container', id: 'c1' } };
const ctx = { hostName: 'web-1', windows: [] as MaintenanceWindowView[] };
const win = (over: Partial<MaintenanceWindowView> = {}): MaintenanceWindowView => ({
  id: 'w1',
  hostId: null,
  stack: null,
  startsAt: new Date(0).toISOString(),
  endsAt: new Date(1_000_000).toISOString(),
  reason: 'upgrade',
  createdBy: 'admin',
  createdAt: '',
  ...over,
});

describe('dedup and cooldown', () => {
  it('folds repeats into one alert (count++), sending a repeat at most once per cooldown', () => {
    const open = newOpenAlerts();
    const a = apply(open, rule, fire(), 1000, ctx)!;
    expect(a.transition?.change).toBe('fired');
    expect(a.alert).toMatchObject({ state: 'firing', count: 1, hostName: 'web-1', stack: 'shop', silenced: false });
    const b = apply(open, rule, fire('web exited with code 2'), 2000, ctx)!;
    expect(b.alert).toMatchObject({ id: a.alert.id, count: 2, summary: 'web exited with code 2' });
    expect(b.transition).toBeNull();
    const c = apply(open, rule, fire(), 61_001, ctx)!;
    expect(c.transition?.change).toBe('repeated');
    expect(open.firing.size).toBe(1);
  });

  it('resolves once; a new firing within the cooldown reopens the same alert without sending, after it a new alert', () => {
    const open = newOpenAlerts();
    const a = apply(open, rule, fire(), 1000, ctx)!;
    const r = apply(open, rule, resolve, 2000, ctx)!;
    expect(r.alert).toMatchObject({ state: 'resolved', resolvedAt: new Date(2000).toISOString() });
    expect(r.transition?.change).toBe('resolved');
    expect(apply(open, rule, resolve, 2500, ctx)).toBeNull();
    const again = apply(open, rule, fire(), 3000, ctx)!;
    expect(again.alert).toMatchObject({ id: a.alert.id, state: 'firing', count: 2, resolvedAt: null });
    expect(again.transition).toBeNull();
    apply(open, rule, resolve, 4000, ctx);
    prune(open, 70_000, 60_000);
    const fresh = apply(open, rule, fire(), 70_000, ctx)!;
    expect(fresh.alert.id).not.toBe(a.alert.id);
    expect(fresh.transition?.change).toBe('fired');
  });
});

describe('maintenance windows', () => {
  it('an alert inside a window is recorded silenced and sent nowhere, nor is its end', () => {
    const open = newOpenAlerts();
    const a = apply(open, rule, fire(), 1000, { ...ctx, windows: [win({ hostId: 'h1', stack: 'shop' })] })!;
    expect(a.alert.silenced).toBe(true);
    expect(a.transition).toBeNull();
    expect(resolveAlert(open, [...open.firing.keys()][0], a.alert, 2000).transition).toBeNull();
  });
  it('a window of another host or stack, or one not open now, does not silence', () => {
    for (const w of [win({ hostId: 'h2' }), win({ stack: 'blog' }), win({ startsAt: new Date(5000).toISOString() })]) {
      const a = apply(newOpenAlerts(), rule, fire(), 1000, { ...ctx, windows: [w] })!;
      expect(a.alert.silenced).toBe(false);
    }
  });
  it('a firing alert whose window ended is sent as fired', () => {
    const open = newOpenAlerts();
    const a = apply(open, rule, fire(), 1000, { ...ctx, windows: [win()] })!;
    const u = unsilence(open, [...open.firing.keys()][0], a.alert, 2_000_000);
    expect(u.alert.silenced).toBe(false);
    expect(u.transition?.change).toBe('fired');
  });
});
