import { describe, expect, it } from 'vitest';
import { describeWait, LoginLimiter, LOGIN_LIMITS } from './rate-limit';

const at = (address: string, user: string, peer = address) => ({ address, peer, user });
const MIN = 60_000;

describe('LoginLimiter', () => {
  it('lets a pair fail five times, then backs off from 1 s doubling up to 15 minutes', () => {
    const l = new LoginLimiter();
    const a = at('10.0.0.1', 'admin');
    let now = 1_000_000;
    for (let i = 0; i < 4; i++) {
      expect(l.retryAfter(a, now)).toBe(0);
      l.fail(a, now);
    }
    expect(l.retryAfter(a, now)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      l.fail(a, now);
      const w = l.retryAfter(a, now);
      waits.push(w);
      now += w;
      expect(l.retryAfter(a, now)).toBe(0);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 15 * MIN, 15 * MIN]);
  });

  it('a stranger failing as admin does not slow admin from another address, nor another user from the same one', () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 20; i++) l.fail(at('203.0.113.9', 'admin'), 1000);
    expect(l.retryAfter(at('203.0.113.9', 'admin'), 1000)).toBeGreaterThan(0);
    expect(l.retryAfter(at('198.51.100.7', 'admin'), 1000)).toBe(0);
    expect(l.retryAfter(at('203.0.113.9', 'alice'), 1000)).toBe(0);
  });

  it('user names are compared without case', () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 5; i++) l.fail(at('x', 'Admin'), 0);
    expect(l.retryAfter(at('x', 'admin'), 0)).toBe(1000);
  });

  it('a success clears the pair', () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 7; i++) l.fail(at('x', 'u'), 0);
    l.succeed(at('x', 'u'));
    expect(l.retryAfter(at('x', 'u'), 0)).toBe(0);
    l.fail(at('x', 'u'), 0);
    expect(l.retryAfter(at('x', 'u'), 0)).toBe(0);
  });

  it('a quiet pair is forgotten after the window', () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 5; i++) l.fail(at('x', 'u'), 0);
    const later = 1000 + LOGIN_LIMITS.windowMs + 1;
    l.fail(at('x', 'u'), later);
    expect(l.retryAfter(at('x', 'u'), later)).toBe(0);
  });

  it('one address spraying many names meets the per-address ceiling, which others do not feel', () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 100; i++) {
      expect(l.retryAfter(at('evil', `user${i}`), 5000)).toBe(0);
      l.fail(at('evil', `user${i}`), 5000);
    }
    expect(l.retryAfter(at('evil', 'fresh-name'), 5000)).toBe(15 * MIN);
    expect(l.retryAfter(at('evil', 'fresh-name'), 5000 + 15 * MIN)).toBe(0);
    expect(l.retryAfter(at('good', 'fresh-name'), 5000)).toBe(0);
  });

  it("inventing X-Forwarded-For addresses still meets the socket peer's ceiling", () => {
    const l = new LoginLimiter({ ...LOGIN_LIMITS, peerMax: 30 });
    for (let i = 0; i < 30; i++) l.fail(at(`10.1.0.${i} via 192.0.2.1`, 'admin', '192.0.2.1'), 0);
    expect(l.retryAfter(at('10.2.0.1 via 192.0.2.1', 'admin', '192.0.2.1'), 0)).toBe(15 * MIN);
    expect(l.retryAfter(at('10.2.0.1 via 192.0.2.2', 'admin', '192.0.2.2'), 0)).toBe(0);
  });

  it('checks one password per pair at a time', () => {
    const l = new LoginLimiter();
    const a = at('x', 'u');
    expect(l.begin(a, 0)).toBe(0);
    expect(l.begin(a, 0)).toBeGreaterThan(0);
    expect(l.begin(at('x', 'v'), 0)).toBe(0);
    l.end(a);
    expect(l.begin(a, 0)).toBe(0);
  });
});

describe('describeWait', () => {
  it('says seconds under a minute, else minutes', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(2000)).toBe('2 seconds');
    expect(describeWait(61_000)).toBe('2 minutes');
    expect(describeWait(15 * MIN)).toBe('15 minutes');
  });
});
