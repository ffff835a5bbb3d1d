import type { AlertKind, AlertSubject } from '@/lib/alert-types';
import type { OperationKind } from '@/lib/compose-types';
import { type AlertRuleView, type FullParams, paramsWithDefaults } from '@/lib/schemas/alerts';
import { signalOf } from '../diagnosis/words';
import type { EngineEvent } from '../docker/events';

/**
 * The rules' judgement, pure and synchronous: (rule, event, memory) → fire, resolve or nothing. The engine
 * (engine.ts) feeds it every event once and turns outcomes into alerts (state.ts); nothing here awaits or allocates
 * more than a few objects, so evaluation stays far below a millisecond per event.
 */

/** What the engine hears, reshaped from Engine events, host status, stack operations and scheduled checks. */
export type AlertEvent =
  | {
      type: 'container';
      hostId: string;
      at: number;
      /** the Engine's action: die, start, oom, kill, stop, destroy, health_status: unhealthy, … */
      action: string;
      id: string;
      name: string;
      /** the container's labels (Engine events carry them as attributes) */
      labels: Record<string, string>;
      exitCode?: number;
    }
  | { type: 'external-health'; hostId: string; at: number; id: string; name: string; stack: string; service: string; state: string; error: string | null }
  | { type: 'host'; hostId: string; hostName: string; at: number; status: 'online' | 'offline'; error: string | null }
  | { type: 'operation'; hostId: string; at: number; stack: string; kind: OperationKind; status: string; error: string | null }
  | {
      type: 'disk';
      hostId: string;
      hostName: string;
      at: number;
      root: string;
      percent: number | null;
      used: number | null;
      size: number | null;
      dockerTotal: number | null;
    }
  | { type: 'image-update'; hostId: string; hostName: string; at: number; image: string; status: 'update-available' | 'up-to-date' };

export type Outcome =
  | { op: 'fire'; hostId: string; subject: AlertSubject; stack: string | null; summary: string }
  | { op: 'resolve'; hostId: string; subject: Pick<AlertSubject, 'type' | 'id'> };

/** What evaluation remembers between events, per container id (kept by the engine, bounded). */
export interface Memory {
  /** containers a stop or kill was asked for since they last started (their next exit was requested) */
  stopping: Set<string>;
  /** containers the kernel's OOM killer hit since they last started */
  oomed: Set<string>;
  /** containers whose last run ended: their next start is a restart */
  exited: Set<string>;
  /** times of each container's recent restarts (ms), newest last */
  restarts: Map<string, number[]>;
  /** each container's last exit code */
  lastExit: Map<string, number>;
}

export const newMemory = (): Memory => ({ stopping: new Set(), oomed: new Set(), exited: new Set(), restarts: new Map(), lastExit: new Map() });

/** Engine actions that matter to a rule; the rest (exec, attach, resize, …) are skipped before any work. */
const ACTIONS = new Set(['die', 'start', 'oom', 'kill', 'stop', 'destroy', 'health_status: unhealthy', 'health_status: healthy']);

/** Labels of Berth's own helper containers (health probes and agent, the IPVS probe, the disk check). */
const HELPER_LABELS = ['io.berth.health-probe', 'io.berth.health-agent', 'io.berth.probe', 'io.berth.alert-disk-check'];

/** An Engine container event as the rules read it, or null for one no rule looks at. */
export function fromEngineEvent(hostId: string, e: EngineEvent): AlertEvent | null {
  if (e.Type !== 'container' || !ACTIONS.has(e.Action) || !e.Actor?.ID) return null;
  const attrs = e.Actor.Attributes ?? {};
  // Berth's own short-lived helpers exit non-zero by design (a failed probe, a df): never an alert
  if (HELPER_LABELS.some((l) => l in attrs)) return null;
  const code = e.Action === 'die' ? Number(attrs.exitCode) : NaN;
  return {
    type: 'container',
    hostId,
    at: e.timeNano ? Math.floor(e.timeNano / 1e6) : e.time ? e.time * 1000 : Date.now(),
    action: e.Action,
    id: e.Actor.ID,
    name: attrs.name ?? e.Actor.ID.slice(0, 12),
    labels: attrs,
    exitCode: Number.isFinite(code) ? code : undefined,
  };
}

const RESTARTS_KEPT = 1000;
const PROJECT = 'com.docker.compose.project';

/** Updates memory with one event; called once per event, before the rules look at it. */
export function remember(mem: Memory, e: AlertEvent): void {
  if (e.type !== 'container') return;
  const id = e.id;
  switch (e.action) {
    case 'kill':
    case 'stop':
      mem.stopping.add(id);
      break;
    case 'oom':
      mem.oomed.add(id);
      break;
    case 'die':
      mem.exited.add(id);
      if (e.exitCode !== undefined) mem.lastExit.set(id, e.exitCode);
      break;
    case 'start': {
      if (mem.exited.delete(id) && !mem.stopping.has(id)) {
        const list = mem.restarts.get(id) ?? [];
        list.push(e.at);
        if (list.length > RESTARTS_KEPT) list.shift();
        mem.restarts.set(id, list);
      }
      mem.stopping.delete(id);
      break;
    }
    case 'destroy':
      forget(mem, id);
      break;
  }
}

/** Called after the rules saw the event: what must not outlive it. */
export function afterEvent(mem: Memory, e: AlertEvent): void {
  if (e.type === 'container' && e.action === 'start') mem.oomed.delete(e.id);
}

export function forget(mem: Memory, id: string): void {
  mem.stopping.delete(id);
  mem.oomed.delete(id);
  mem.exited.delete(id);
  mem.restarts.delete(id);
  mem.lastExit.delete(id);
}

/** A rule as evaluation needs it: the view plus its parameters with defaults. */
export type Rule = AlertRuleView & { full: FullParams };
export const ruleOf = (v: AlertRuleView): Rule => ({ ...v, full: paramsWithDefaults(v.params) });

/** Does the rule's scope (host, stack, label) take this event in? */
export function inScope(rule: Rule, hostId: string, stack: string | null, labels: Record<string, string> | null): boolean {
  if (!rule.enabled) return false;
  if (rule.hostId && rule.hostId !== hostId) return false;
  if (rule.stack && rule.stack !== stack) return false;
  if (rule.label) {
    if (!labels) return false;
    const eq = rule.label.indexOf('=');
    const key = eq < 0 ? rule.label : rule.label.slice(0, eq);
    if (!(key in labels)) return false;
    if (eq >= 0 && labels[key] !== rule.label.slice(eq + 1)) return false;
  }
  return true;
}

/** "exited with code 137 (killed: SIGKILL)", the exit said the way people read it. */
function exitWords(code: number, oom: boolean): string {
  if (oom) return `exited with code ${code} (killed: out of memory)`;
  const signal = signalOf(code);
  if (signal === 'SIGKILL') return `exited with code ${code} (killed: SIGKILL)`;
  if (signal) return `exited with code ${code} (ended by ${signal})`;
  if (code === 126) return `exited with code 126 (command not executable)`;
  if (code === 127) return `exited with code 127 (command not found)`;
  return `exited with code ${code}`;
}

const container = (e: { id: string; name: string }): AlertSubject => ({ type: 'container', id: e.id, name: e.name });
const fire = (hostId: string, subject: AlertSubject, stack: string | null, summary: string): Outcome => ({ op: 'fire', hostId, subject, stack, summary });
const resolve = (hostId: string, type: AlertSubject['type'], id: string): Outcome => ({ op: 'resolve', hostId, subject: { type, id } });

/** The one function the engine calls per (rule, event). */
export function evaluate(rule: Rule, e: AlertEvent, mem: Memory): Outcome | null {
  switch (e.type) {
    case 'container':
      return inScope(rule, e.hostId, e.labels[PROJECT] ?? null, e.labels) ? containerEvent(rule, e, mem) : null;
    case 'external-health':
      if (rule.kind !== 'unhealthy' || rule.full.source === 'engine') return null;
      if (!inScope(rule, e.hostId, e.stack, { [PROJECT]: e.stack, 'com.docker.compose.service': e.service })) return null;
      if (e.state === 'unhealthy') return fire(e.hostId, container(e), e.stack, `${e.name} failed Berth's health check${e.error ? `: ${e.error}` : ''}`);
      return e.state === 'healthy' ? resolve(e.hostId, 'container', e.id) : null;
    case 'host':
      if (rule.kind !== 'host-offline' || !inScope(rule, e.hostId, null, null)) return null;
      if (e.status === 'online') return resolve(e.hostId, 'host', e.hostId);
      return fire(
        e.hostId,
        { type: 'host', id: e.hostId, name: e.hostName },
        null,
        `Host ${e.hostName} is offline: ${e.error ?? 'its Docker daemon does not answer'}`,
      );
    case 'operation':
      return rule.kind === 'deploy-failed' && inScope(rule, e.hostId, e.stack, null) ? operation(e) : null;
    case 'disk':
      return rule.kind === 'disk-usage' && inScope(rule, e.hostId, null, null) ? disk(rule.full, e) : null;
    case 'image-update': {
      if (rule.kind !== 'image-update' || !inScope(rule, e.hostId, null, null)) return null;
      if (e.status === 'up-to-date') return resolve(e.hostId, 'image', e.image);
      return fire(e.hostId, { type: 'image', id: e.image, name: e.image }, null, `An update is available for ${e.image} on ${e.hostName}`);
    }
  }
}

const OUTCOME_KINDS: OperationKind[] = ['deploy', 'upgrade', 'upgrade-finish', 'upgrade-rollback', 'rollback'];

function operation(e: Extract<AlertEvent, { type: 'operation' }>): Outcome | null {
  if (!OUTCOME_KINDS.includes(e.kind)) return null;
  const subject: AlertSubject = { type: 'stack', id: e.stack, name: e.stack };
  if (e.status === 'succeeded') return resolve(e.hostId, 'stack', e.stack);
  const what = e.kind === 'deploy' ? 'Deploy' : e.kind === 'rollback' ? 'Rollback' : e.kind === 'upgrade' ? 'Upgrade' : e.kind.replace('-', ' ');
  return fire(e.hostId, subject, e.stack, `${what} of stack ${e.stack} ${e.status}${e.error ? `: ${e.error}` : ''}`);
}

function disk(p: FullParams, e: Extract<AlertEvent, { type: 'disk' }>): Outcome | null {
  const subject: AlertSubject = { type: 'host', id: e.hostId, name: e.hostName };
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (p.percent !== undefined && e.percent !== null) {
    if (e.percent < p.percent) return resolve(e.hostId, 'host', e.hostId);
    const of = e.used !== null && e.size !== null ? ` (${gib(e.used)} of ${gib(e.size)})` : '';
    return fire(e.hostId, subject, null, `Docker's data root ${e.root} on ${e.hostName} is ${e.percent}% full${of}, above ${p.percent}%`);
  }
  if (p.totalGiB !== undefined && e.dockerTotal !== null) {
    if (e.dockerTotal < p.totalGiB * 1024 ** 3) return resolve(e.hostId, 'host', e.hostId);
    return fire(
      e.hostId,
      subject,
      null,
      `Docker on ${e.hostName} uses ${gib(e.dockerTotal)} (images, containers, volumes, build cache), above ${p.totalGiB} GiB`,
    );
  }
  return null;
}

function containerEvent(rule: Rule, e: Extract<AlertEvent, { type: 'container' }>, mem: Memory): Outcome | null {
  const stack = e.labels[PROJECT] ?? null;
  const subject = container(e);
  const p = rule.full;
  const gone = e.action === 'destroy';
  switch (rule.kind as AlertKind) {
    case 'container-died': {
      if (e.action === 'start' || gone) return resolve(e.hostId, 'container', e.id);
      if (e.action !== 'die' || e.exitCode === undefined || e.exitCode === 0 || p.ignoreExitCodes.includes(e.exitCode)) return null;
      const oom = mem.oomed.has(e.id);
      if (p.ignoreRequestedStops && mem.stopping.has(e.id) && !oom) return null;
      return fire(e.hostId, subject, stack, `${e.name} ${exitWords(e.exitCode, oom)}`);
    }
    case 'oom-killed':
      if (e.action === 'start' || gone) return resolve(e.hostId, 'container', e.id);
      if (e.action !== 'oom') return null;
      return fire(e.hostId, subject, stack, `${e.name} ran out of memory and was killed by the kernel's OOM killer (memory limit reached)`);
    case 'restart-loop': {
      if (gone) return resolve(e.hostId, 'container', e.id);
      if (e.action !== 'start') return null;
      const n = restartsWithin(mem, e.id, p.minutes, e.at);
      if (n < p.restarts) return null;
      const last = mem.lastExit.get(e.id);
      return fire(
        e.hostId,
        subject,
        stack,
        `${e.name} restarted ${n} times in ${p.minutes} min${last !== undefined ? `; its last run ${exitWords(last, false)}` : ''}`,
      );
    }
    case 'unhealthy': {
      if (p.source === 'external') return null;
      if (e.action === 'health_status: healthy' || e.action === 'die' || gone) return resolve(e.hostId, 'container', e.id);
      if (e.action !== 'health_status: unhealthy') return null;
      return fire(e.hostId, subject, stack, `${e.name}'s HEALTHCHECK reports unhealthy`);
    }
    default:
      return null;
  }
}

/** Restarts of one container within the last `minutes` before `now`. */
function restartsWithin(mem: Memory, id: string, minutes: number, now: number): number {
  const list = mem.restarts.get(id);
  if (!list) return 0;
  const since = now - minutes * 60_000;
  let n = 0;
  for (let i = list.length - 1; i >= 0 && list[i] >= since; i--) n++;
  return n;
}

/** A restart loop is over when the container has not restarted for the rule's window. */
export function restartLoopOver(rule: Rule, mem: Memory, id: string, now: number): boolean {
  return restartsWithin(mem, id, rule.full.minutes, now) === 0;
}
