import { describe, expect, it } from 'vitest';
import { tsKey, unixKey } from './order';

describe('log timestamp order', () => {
  it('orders the Engine timestamps by instant, whatever their fraction width or offset', () => {
    const a = tsKey('2026-11-22T10:00:00.5Z')!;
    const b = tsKey('2026-11-22T10:00:00.123456789Z')!;
    const c = tsKey('2026-11-22T10:00:00.500000001Z')!;
    expect(b < a && a < c).toBe(true);
    expect(tsKey('2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00.000000000');
    expect(tsKey('2026-11-22T12:00:00.25+02:00')).toBe('2026-11-22T10:00:00.250000000');
  });

  it('refuses what is not a timestamp', () => {
    expect(tsKey('yesterday')).toBeUndefined();
    expect(tsKey('')).toBeUndefined();
  });

  it('turns unix seconds (a "since") into the same key space', () => {
    const s = Date.parse('2026-11-22T10:00:00Z') / 1000 + 0.25;
    expect(unixKey(s)).toBe('2026-11-22T10:00:00.250000000');
    expect(unixKey(s) < tsKey('2026-11-22T10:00:00.250000001Z')!).toBe(true);
  });
});
