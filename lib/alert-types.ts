/**
 * Alerts (issue #17): the contract between the rule engine (server/alerts/), the channels that deliver alerts
 * (server/alerts/channels/), the bell in the browser and /metrics. Written first so those parts can be built apart.
 */

/** What a rule watches. */
export type AlertKind = 'container-died' | 'oom-killed' | 'restart-loop' | 'unhealthy' | 'host-offline' | 'deploy-failed' | 'disk-usage' | 'image-update';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** The object an alert is about, so the bell can link to it and the object's page can show it. */
export interface AlertSubject {
  type: 'container' | 'stack' | 'host' | 'image';
  /** container id, stack name, host id or image reference */
  id: string;
  name: string;
}

/** One alert: a rule firing for one subject. Deduplicated by (ruleId, hostId, subject.type, subject.id). */
export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertKind;
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  hostId: string | null;
  hostName: string | null;
  subject: AlertSubject;
  /** the compose project the subject belongs to (a stack, or a container of one), for the stack page and windows */
  stack?: string | null;
  /** one sentence in plain words: what happened, with the evidence ("exited with code 137 (killed)") */
  summary: string;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
  /** how many times the condition was seen while firing (dedup folds repeats into one alert) */
  count: number;
  /** true while a maintenance window covers it: shown, not sent */
  silenced: boolean;
}

/** A change a channel may be told about. 'repeated' is sent only after the rule's cooldown. */
export interface AlertTransition {
  change: 'fired' | 'resolved' | 'repeated';
  at: string;
  alert: Alert;
}
