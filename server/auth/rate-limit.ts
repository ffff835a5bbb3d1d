/**
 * Failed sign-ins slow down guessing without letting anyone lock other people out:
 *
 * - **Per (address, user name) pair**, exponential backoff: the first `freeFailures` failures cost nothing, then each
 *   one makes that pair wait `firstDelayMs`, doubling up to `maxDelayMs`. A success clears the pair. A stranger
 *   typing the admin's name therefore only slows the stranger, and one user's typos behind a shared proxy do not
 *   touch the others behind it.
 * - **Per address**, a much higher ceiling over a sliding window, against one address spraying many names; and a
 *   higher one still per socket peer, because the address may include X-Forwarded-For, which a client can invent.
 * - There is deliberately no per-user-name lock: anyone could trigger it and keep a user out.
 *
 * In memory: a restart forgets, which is acceptable for a single Berth process.
 */
export interface LimiterOptions {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
  addressMax: number;
  peerMax: number;
}

export const LOGIN_LIMITS: LimiterOptions = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  addressMax: 100,
  peerMax: 1000,
};

/** Who is trying: `address` as the audit log shows it (may name a forwarded client), `peer` the socket's address. */
export interface Attempt {
  address: string;
  peer: string;
  user: string;
}

interface Pair {
  failures: number;
  /** no attempt for this pair before this time */
  until: number;
  last: number;
}

const MAX_KEYS = 10_000;

export class LoginLimiter {
  private pairs = new Map<string, Pair>();
  private byAddress = new Map<string, number[]>();
  private byPeer = new Map<string, number[]>();
  private inFlight = new Set<string>();

  constructor(private readonly o: LimiterOptions = LOGIN_LIMITS) {}

  /** Milliseconds until this attempt may be made, or 0 if it may be made now. */
  retryAfter(a: Attempt, now = Date.now()): number {
    const pair = this.pair(a, now);
    return Math.max(
      pair ? pair.until - now : 0,
      this.ceiling(this.byAddress, a.address, this.o.addressMax, now),
      this.ceiling(this.byPeer, a.peer, this.o.peerMax, now),
      0,
    );
  }

  /**
   * Starts checking a password: 0 if it may go ahead (then call end() when done), else the wait in milliseconds. One
   * check per pair at a time, so a burst of parallel guesses cannot all get in before the first failure counts.
   */
  begin(a: Attempt, now = Date.now()): number {
    const wait = this.retryAfter(a, now);
    if (wait > 0) return wait;
    const key = pairKey(a);
    if (this.inFlight.has(key)) return this.o.firstDelayMs;
    this.inFlight.add(key);
    return 0;
  }

  end(a: Attempt): void {
    this.inFlight.delete(pairKey(a));
  }

  fail(a: Attempt, now = Date.now()): void {
    const key = pairKey(a);
    const p = this.pair(a, now) ?? { failures: 0, until: 0, last: now };
    p.failures += 1;
    p.last = now;
    if (p.failures >= this.o.freeFailures) {
      const doublings = Math.min(p.failures - this.o.freeFailures, 30);
      p.until = now + Math.min(this.o.maxDelayMs, this.o.firstDelayMs * 2 ** doublings);
    }
    this.pairs.set(key, p);
    this.count(this.byAddress, a.address, this.o.addressMax, now);
    this.count(this.byPeer, a.peer, this.o.peerMax, now);
    if (this.pairs.size + this.byAddress.size + this.byPeer.size > MAX_KEYS) this.prune(now);
  }

  /** A correct password clears its pair; the address ceilings keep counting, so one good account cannot reset them. */
  succeed(a: Attempt): void {
    this.pairs.delete(pairKey(a));
  }

  /** The pair's record, forgotten once it has been quiet for a window past its last wait. */
  private pair(a: Attempt, now: number): Pair | undefined {
    const key = pairKey(a);
    const p = this.pairs.get(key);
    if (p && now > Math.max(p.until, p.last) + this.o.windowMs) {
      this.pairs.delete(key);
      return undefined;
    }
    return p;
  }

  private ceiling(map: Map<string, number[]>, key: string, max: number, now: number): number {
    const list = recent(map.get(key), now - this.o.windowMs);
    // the oldest of the last `max` failures must leave the window before another attempt
    return list.length >= max ? list[list.length - max] + this.o.windowMs - now : 0;
  }

  private count(map: Map<string, number[]>, key: string, max: number, now: number): void {
    const list = recent(map.get(key), now - this.o.windowMs);
    list.push(now);
    // only the last `max` matter for the ceiling
    map.set(key, list.length > max ? list.slice(-max) : list);
  }

  private prune(now: number): void {
    for (const [k, p] of this.pairs) if (now > Math.max(p.until, p.last) + this.o.windowMs) this.pairs.delete(k);
    for (const map of [this.byAddress, this.byPeer]) {
      for (const [k, v] of map) if (!recent(v, now - this.o.windowMs).length) map.delete(k);
    }
  }
}

function pairKey(a: Attempt): string {
  return `${a.address}\n${a.user.toLowerCase()}`;
}

function recent(list: number[] | undefined, after: number): number[] {
  return (list ?? []).filter((t) => t > after);
}

/** "3 seconds", "2 minutes": how long to wait, for the refusal's message. */
export function describeWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
