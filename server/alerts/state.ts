import crypto from 'node:crypto';
import type { Alert, AlertSubject, AlertTransition } from '@/lib/alert-types';
import type { MaintenanceWindowView } from '@/lib/schemas/alerts';
import type { Outcome, Rule } from './evaluate';

/**
 * What an outcome does to the open alerts, pure apart from the maps it is given: deduplication (one firing alert per
 * rule and subject, its count raised on repeats), the cooldown (a notification at most once per cooldown, also when a
 * resolved alert fires again that soon: it is reopened rather than sent anew) and maintenance windows (an alert
 * inside one is recorded silenced and sent nowhere).
 */

export interface OpenAlerts {
  /** firing alerts by dedup key */
  firing: Map<string, Alert>;
  /** recently resolved alerts by dedup key, to reopen within the cooldown */
  resolved: Map<string, Alert>;
  /** when each alert (by id) was last sent to its channels, ms */
  notifiedAt: Map<string, number>;
}

export const newOpenAlerts = (): OpenAlerts => ({ firing: new Map(), resolved: new Map(), notifiedAt: new Map() });

export const dedupKey = (ruleId: string, hostId: string | null, s: Pick<AlertSubject, 'type' | 'id'>) => `${ruleId}|${hostId ?? ''}|${s.type}|${s.id}`;

/** The result of one outcome: the alert as it now is, and the transition to send (null: record only). */
export interface Applied {
  alert: Alert;
  transition: AlertTransition | null;
}

/** Is a window covering this host and stack open at `now`? */
export function silencedBy(windows: MaintenanceWindowView[], hostId: string | null, stack: string | null, now: number): boolean {
  for (const w of windows) {
    if (w.hostId && w.hostId !== hostId) continue;
    if (w.stack && w.stack !== stack) continue;
    if (Date.parse(w.startsAt) <= now && now < Date.parse(w.endsAt)) return true;
  }
  return false;
}

export function apply(
  open: OpenAlerts,
  rule: Rule,
  o: Outcome,
  now: number,
  ctx: { hostName: string | null; windows: MaintenanceWindowView[] },
): Applied | null {
  const key = dedupKey(rule.id, o.hostId, o.subject);
  const at = new Date(now).toISOString();
  if (o.op === 'resolve') {
    const a = open.firing.get(key);
    if (!a) return null;
    return resolveAlert(open, key, a, now);
  }
  const silenced = silencedBy(ctx.windows, o.hostId, o.stack, now);
  const cooled = (a: Alert) => now - (open.notifiedAt.get(a.id) ?? 0) >= rule.cooldownSeconds * 1000;
  const firing = open.firing.get(key);
  if (firing) {
    const alert: Alert = { ...firing, summary: o.summary, lastAt: at, count: firing.count + 1, silenced };
    open.firing.set(key, alert);
    return { alert, transition: notify(open, alert, 'repeated', now, cooled(firing) && !silenced) };
  }
  const recent = open.resolved.get(key);
  if (recent && recent.resolvedAt && now - Date.parse(recent.resolvedAt) < rule.cooldownSeconds * 1000) {
    // flapping (a container that dies and restarts): the same alert fires again, and is sent only after the cooldown
    const alert: Alert = { ...recent, state: 'firing', resolvedAt: null, summary: o.summary, lastAt: at, count: recent.count + 1, silenced };
    open.resolved.delete(key);
    open.firing.set(key, alert);
    return { alert, transition: notify(open, alert, 'repeated', now, cooled(recent) && !silenced) };
  }
  const alert: Alert = {
    id: crypto.randomUUID(),
    ruleId: rule.id,
    ruleName: rule.name,
    kind: rule.kind,
    severity: rule.severity,
    state: 'firing',
    hostId: o.hostId,
    hostName: ctx.hostName,
    subject: o.subject,
    stack: o.stack,
    summary: o.summary,
    firstAt: at,
    lastAt: at,
    resolvedAt: null,
    count: 1,
    silenced,
  };
  open.firing.set(key, alert);
  return { alert, transition: notify(open, alert, 'fired', now, !silenced) };
}

/** Resolves one firing alert (by its condition, by hand, or because its rule or host is gone). */
export function resolveAlert(open: OpenAlerts, key: string, a: Alert, now: number): Applied {
  const at = new Date(now).toISOString();
  const alert: Alert = { ...a, state: 'resolved', resolvedAt: at, lastAt: at };
  open.firing.delete(key);
  open.resolved.set(key, alert);
  // a silenced alert was never sent: its end is not news either
  return { alert, transition: notify(open, alert, 'resolved', now, !a.silenced) };
}

/** A firing alert whose window has ended is sent now, as it would have been when it fired. */
export function unsilence(open: OpenAlerts, key: string, a: Alert, now: number): Applied {
  const alert: Alert = { ...a, silenced: false };
  open.firing.set(key, alert);
  return { alert, transition: notify(open, alert, 'fired', now, true) };
}

function notify(open: OpenAlerts, alert: Alert, change: AlertTransition['change'], now: number, send: boolean): AlertTransition | null {
  if (!send) return null;
  open.notifiedAt.set(alert.id, now);
  return { change, at: new Date(now).toISOString(), alert };
}

/** Drops what can no longer matter: resolved alerts older than any cooldown, and their notification times. */
export function prune(open: OpenAlerts, now: number, maxCooldownMs: number): void {
  for (const [key, a] of open.resolved) {
    if (!a.resolvedAt || now - Date.parse(a.resolvedAt) > maxCooldownMs) {
      open.resolved.delete(key);
      open.notifiedAt.delete(a.id);
    }
  }
}
