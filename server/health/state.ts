import type { HealthState } from '@/lib/health-types';
import type { BerthHealthSpec } from '@/lib/schemas/health';

/**
 * The health state machine of one container, as Rancher 1.x ran it: a container starts `initializing`; it becomes
 * `healthy` after `healthy_threshold` successes in a row; a healthy one becomes `unhealthy` after
 * `unhealthy_threshold` failures in a row; an initializing one that is not healthy within `initializing_timeout`
 * becomes `unhealthy` (failures before that do not count: the service is still starting). Pure, so it is unit tested.
 */
export type { HealthState };

export interface Tracker {
  state: HealthState;
  /** when the container was first seen running (start of the initializing window), ms */
  startedAt: number;
  since: number;
  successes: number;
  failures: number;
  lastError: string | null;
}

export const newTracker = (now: number): Tracker => ({ state: 'initializing', startedAt: now, since: now, successes: 0, failures: 0, lastError: null });

export type Thresholds = Pick<BerthHealthSpec, 'healthy_threshold' | 'unhealthy_threshold' | 'initializing_timeout'>;

/** Applies one probe result; returns the new tracker and the transition, if the state changed. */
export function observe(
  t: Tracker,
  ok: boolean,
  error: string | null,
  spec: Thresholds,
  now: number,
): { tracker: Tracker; changed: { from: HealthState; to: HealthState } | null } {
  const next: Tracker = { ...t, successes: ok ? t.successes + 1 : 0, failures: ok ? 0 : t.failures + 1, lastError: ok ? null : error };
  let to: HealthState = t.state;
  if (ok && t.state !== 'healthy' && next.successes >= spec.healthy_threshold) to = 'healthy';
  if (!ok && t.state === 'healthy' && next.failures >= spec.unhealthy_threshold) to = 'unhealthy';
  if (t.state === 'initializing' && to === 'initializing') to = timedOut(t, spec, now) ? 'unhealthy' : 'initializing';
  return finish(next, t.state, to, now);
}

/** The initializing timeout also passes without a probe result (a probe that hangs); checked on every tick. */
export function tick(t: Tracker, spec: Thresholds, now: number): { tracker: Tracker; changed: { from: HealthState; to: HealthState } | null } {
  if (t.state === 'initializing' && timedOut(t, spec, now))
    return finish({ ...t, lastError: t.lastError ?? 'not healthy within the initializing timeout' }, t.state, 'unhealthy', now);
  return { tracker: t, changed: null };
}

const timedOut = (t: Tracker, spec: Thresholds, now: number) => now - t.startedAt >= spec.initializing_timeout;

function finish(next: Tracker, from: HealthState, to: HealthState, now: number) {
  if (from === to) return { tracker: next, changed: null };
  return { tracker: { ...next, state: to, since: now }, changed: { from, to } };
}

/**
 * Backoff between recreations of the same replica, so a broken image does not loop fast: 5 s, 10 s, 20 s … up to
 * 5 minutes; reset when a replica becomes healthy.
 */
export function backoffMs(attempts: number, baseMs = 5000, maxMs = 300_000): number {
  if (attempts <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** (attempts - 1));
}
