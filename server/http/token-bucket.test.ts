import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate, per key', () => {
    const b = new TokenBuckets(10, 20);
    for (let i = 0; i < 20; i++) expect(b.take('ann', 1000)).toBe(0);
    expect(b.take('ann', 1000)).toBe(100);
    // another user has a bucket of their own
    expect(b.take('bob', 1000)).toBe(0);
    // 100 ms later one token is back, and only one
    expect(b.take('ann', 1100)).toBe(0);
    expect(b.take('ann', 1100)).toBe(100);
    expect(b.take('ann', 1150)).toBe(50);
  });

  it('lets typing at 10 keystrokes a second through forever', () => {
    const b = new TokenBuckets(10, 20);
    for (let t = 0; t < 60_000; t += 100) expect(b.take('ann', t)).toBe(0);
  });

  it('never fills past the burst, and forgets full buckets when there are too many keys', () => {
    const b = new TokenBuckets(10, 3, 2);
    expect(b.take('a', 0)).toBe(0);
    for (let i = 0; i < 3; i++) expect(b.take('a', 1_000_000)).toBe(0);
    expect(b.take('a', 1_000_000)).toBeGreaterThan(0);
    b.take('b', 1_000_000);
    b.take('c', 2_000_000);
    // 'a' was full again by then and was dropped; a fresh bucket has the full burst
    for (let i = 0; i < 3; i++) expect(b.take('a', 2_000_000)).toBe(0);
  });
});
