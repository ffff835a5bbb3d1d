import { describe, expect, it } from 'vitest';
import { LogsQuerySchema, toUnixSeconds } from './logs';

describe('LogsQuerySchema', () => {
  it('defaults to the last 1,000 lines, not following', () => {
    expect(LogsQuerySchema.parse({})).toEqual({ tail: 1000, since: undefined, until: undefined, timestamps: false, follow: false, download: false });
  });

  it('reads tail, flags and times as they arrive in a query string', () => {
    const q = LogsQuerySchema.parse({ tail: 'all', follow: '1', timestamps: 'true', since: '2026-11-22T20:00:00Z', until: '1900000000.5' });
    expect(q).toMatchObject({ tail: 'all', follow: true, timestamps: true, since: 1795377600, until: 1900000000.5 });
    expect(LogsQuerySchema.parse({ tail: '50', since: '2026-11-22T20:00' }).since).toBe(1795377600);
  });

  it('refuses bad values with a message per field', () => {
    const r = LogsQuerySchema.safeParse({ tail: '-1', since: 'yesterday', follow: 'yes' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tail', 'since', 'follow']));
    expect(LogsQuerySchema.safeParse({ since: '2000', until: '1000' }).error?.issues[0].message).toBe('until must be later than since');
    expect(LogsQuerySchema.safeParse({ nope: '1' }).success).toBe(false);
  });
});

describe('toUnixSeconds', () => {
  it('reads durations back from now', () => {
    expect(toUnixSeconds('10m', 1_000_000_000)).toBe(1_000_000 - 600);
    expect(toUnixSeconds('2026-13-01T00:00Z')).toBeNull();
  });
});
