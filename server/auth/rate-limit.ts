/**
 * Failed sign-ins are counted per client address and per user name in a sliding window; past the limit, attempts are
 * refused before the password is even checked, so guessing is slow for one attacker and for many aimed at one user.
 * In memory: a restart forgets, which is acceptable for a single Berth process.
 */
export class FailureLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 if it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length >= this.max ? list[0] + this.windowMs - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) if (!v.some((t) => t > now - this.windowMs)) this.failures.delete(k);
  }
}
