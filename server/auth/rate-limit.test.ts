import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
  it('refuses after the limit until the window has passed', () => {
    const l = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('ip', 1000 + i)).toBe(0);
      l.fail('ip', 1000 + i);
    }
    expect(l.retryAfter('ip', 2000)).toBe(59_000);
    expect(l.retryAfter('other', 2000)).toBe(0);
    expect(l.retryAfter('ip', 61_001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const l = new FailureLimiter(2, 60_000);
    l.fail('u', 1);
    l.fail('u', 2);
    l.succeed('u');
    expect(l.retryAfter('u', 3)).toBe(0);
  });
});
