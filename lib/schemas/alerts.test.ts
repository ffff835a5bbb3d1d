import { describe, expect, it } from 'vitest';
import { AlertListQuerySchema, AlertRuleCreateSchema, MaintenanceWindowCreateSchema, paramsWithDefaults } from './alerts';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('AlertRuleCreateSchema', () => {
  it('fills in defaults: warning, 5 min cooldown, no channels, enabled, every host', () => {
    expect(AlertRuleCreateSchema.parse({ name: ' Died ', kind: 'container-died' })).toEqual({
      name: 'Died',
      kind: 'container-died',
      hostId: null,
      stack: null,
      label: null,
      params: {},
      severity: 'warning',
      cooldownSeconds: 300,
      channelIds: [],
      enabled: true,
    });
    expect(paramsWithDefaults({})).toMatchObject({ restarts: 3, minutes: 5, ignoreRequestedStops: true, percent: 90 });
    expect(paramsWithDefaults({ totalGiB: 50 }).percent).toBeUndefined();
  });

  it('refuses what cannot work, naming the field', () => {
    expect(messages(AlertRuleCreateSchema.safeParse({ kind: 'container-died' }))).toContain('Name is required');
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'cpu' }))[0]).toMatch(/kind is one of container-died/);
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'host-offline', stack: 'shop' }))[0]).toMatch(/about whole hosts/);
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'deploy-failed', label: 'team=web' }))[0]).toMatch(/Labels narrow container rules/);
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'container-died', label: '=web' }))[0]).toMatch(/"key=value"/);
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'restart-loop', params: { restarts: 1 } }))[0]).toBe('Restarts must be at least 2');
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'disk-usage', params: { percent: 101 } }))[0]).toBe('Disk percent must be at most 100');
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'container-died', params: { nope: 1 } }))[0]).toMatch(/nope/);
    expect(messages(AlertRuleCreateSchema.safeParse({ name: 'x', kind: 'container-died', stack: 'Shop App' }))[0]).toMatch(/compose project name/);
  });
});

describe('MaintenanceWindowCreateSchema', () => {
  it('takes a window that ends after it starts (start defaults to now)', () => {
    const end = new Date(Date.now() + 3_600_000).toISOString();
    expect(MaintenanceWindowCreateSchema.parse({ endsAt: end, reason: 'kernel upgrade' })).toMatchObject({ hostId: null, stack: null, endsAt: end });
  });
  it('refuses a window that ends before it starts, lasts over 31 days, or has no reason', () => {
    expect(messages(MaintenanceWindowCreateSchema.safeParse({ startsAt: '2026-12-03T10:00:00Z', endsAt: '2026-12-03T09:00:00Z', reason: 'x' }))).toContain(
      'The window must end after it starts',
    );
    expect(messages(MaintenanceWindowCreateSchema.safeParse({ startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-03-01T00:00:00Z', reason: 'x' }))).toContain(
      'A window lasts at most 31 days',
    );
    expect(messages(MaintenanceWindowCreateSchema.safeParse({ endsAt: 'tomorrow', reason: '' }))[0]).toMatch(/endsAt is a date and time/);
  });
});

describe('AlertListQuerySchema', () => {
  it('reads the query string', () => {
    expect(AlertListQuerySchema.parse({ state: 'firing', limit: '20' })).toEqual({ state: 'firing', limit: 20 });
    expect(messages(AlertListQuerySchema.safeParse({ state: 'open' }))[0]).toBe('state is firing, resolved or all');
  });
});
