import type { Alert, AlertTransition } from '@/lib/alert-types';
import type { MaintenanceWindowView } from '@/lib/schemas/alerts';
import type { LiveMessage } from '@/lib/types';
import type { Berth } from '../berth';
import type { EngineEvent } from '../docker/events';
import { conflict } from '../errors';
import type { Operation } from '../stacks/operations';
import { dispatchAlert } from './channels/dispatch';
import { checkDisks } from './disk';
import {
  afterEvent,
  type AlertEvent,
  evaluate,
  forget,
  fromEngineEvent,
  type Memory,
  newMemory,
  remember,
  restartLoopOver,
  type Rule,
  ruleOf,
} from './evaluate';
import { alertRow, listRules, listWindows, loadFiring, saveAlerts } from './rules-repo';
import { type Applied, apply, dedupKey, newOpenAlerts, type OpenAlerts, prune, resolveAlert, silencedBy, unsilence } from './state';

/**
 * The alert engine: one per Berth, kept on globalThis by Berth (the custom server and Next's route handlers load
 * separate copies of this module and must share it). It hears every container event of every host (Fleet's
 * engineEvents), host status and image-update messages from the Hub, stack operations as they end, external health
 * transitions, and scheduled disk checks. The event path is synchronous and small: memory update, one evaluate per
 * enabled rule, a Map lookup for dedup; the store is written off the path in batches, channels get a queued dispatch.
 */
const alertTuning = { sweepMs: 5000, diskMs: 5 * 60_000, flushMs: 200 };

class AlertEngine {
  rules: Rule[] = [];
  windows: MaintenanceWindowView[] = [];
  readonly open: OpenAlerts = newOpenAlerts();
  readonly mem: Memory = newMemory();
  private dirty = new Map<string, { alert: Alert; key: string }>();
  private flushTimer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private stops: (() => void)[] = [];
  private warned = new Map<string, string>();
  stopped = false;

  constructor(private readonly b: Berth) {}

  async start(): Promise<void> {
    await this.reload();
    for (const { alert, key } of await loadFiring(this.b.db)) if (key) this.open.firing.set(key, alert);
    const b = this.b;
    const tap = (hostId: string, e: EngineEvent) => this.onEngineEvent(hostId, e);
    b.fleet.engineEvents.add(tap);
    this.stops.push(() => b.fleet.engineEvents.delete(tap));
    this.stops.push(b.fleet.hub.subscribe((m) => this.onLive(m), { internal: true }));
    const ended = (op: Operation) =>
      this.handle({ type: 'operation', hostId: op.hostId, at: Date.now(), stack: op.stackName, kind: op.kind, status: op.status, error: op.error });
    b.operations.finished.add(ended);
    this.stops.push(() => b.operations.finished.delete(ended));
    // hosts already known offline when Berth starts
    for (const h of b.fleet.hosts())
      if (h.status === 'offline') this.handle({ type: 'host', hostId: h.id, hostName: h.name, at: Date.now(), status: 'offline', error: h.lastError });
    const sweep = setInterval(() => this.sweep(), alertTuning.sweepMs);
    sweep.unref();
    const disk = setInterval(() => void this.checkDisks(), alertTuning.diskMs);
    disk.unref();
    this.stops.push(
      () => clearInterval(sweep),
      () => clearInterval(disk),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.stops.splice(0)) s();
    await this.flush();
  }

  /** Rules and windows again from the store (after an admin changed them); alerts of rules gone or disabled resolve. */
  async reload(): Promise<void> {
    const [rules, windows] = await Promise.all([listRules(this.b.db), listWindows(this.b.db)]);
    this.rules = rules.map(ruleOf);
    this.windows = windows;
    const live = new Set(this.rules.filter((r) => r.enabled).map((r) => r.id));
    const now = Date.now();
    for (const [key, a] of [...this.open.firing]) if (!live.has(a.ruleId)) this.record(key, resolveAlert(this.open, key, a, now), null);
    // a rule edited while firing: its open alerts take the new name and severity from now on
    for (const [key, a] of this.open.firing) {
      const r = this.rules.find((x) => x.id === a.ruleId);
      if (r && (r.name !== a.ruleName || r.severity !== a.severity)) this.open.firing.set(key, { ...a, ruleName: r.name, severity: r.severity });
    }
  }

  private onEngineEvent(hostId: string, e: EngineEvent): void {
    const ev = fromEngineEvent(hostId, e);
    if (ev) this.handle(ev);
  }

  private onLive(m: LiveMessage): void {
    if (m.type === 'host' && (m.host.status === 'online' || m.host.status === 'offline'))
      this.handle({ type: 'host', hostId: m.host.id, hostName: m.host.name, at: Date.now(), status: m.host.status, error: m.host.lastError });
    else if (m.type === 'host-removed') this.resolveWhere((a) => a.hostId === m.hostId);
    else if (m.type === 'image-update' && m.status !== 'unknown')
      this.handle({ type: 'image-update', hostId: m.hostId, hostName: this.hostName(m.hostId) ?? m.hostId, at: Date.now(), image: m.image, status: m.status });
  }

  /** The one path every event takes: remember, evaluate each rule, apply. Synchronous; never throws. */
  handle(e: AlertEvent): void {
    if (this.stopped) return;
    try {
      remember(this.mem, e);
      for (const rule of this.rules) {
        const o = evaluate(rule, e, this.mem);
        if (!o) continue;
        const applied = apply(this.open, rule, o, Date.now(), { hostName: this.hostName(o.hostId), windows: this.windows });
        if (applied) this.record(dedupKey(rule.id, o.hostId, o.subject), applied, rule);
      }
      afterEvent(this.mem, e);
    } catch (err) {
      console.warn(`berth: alert evaluation failed: ${(err as Error).message}`);
    }
  }

  /** Publishes, queues the write and sends the transition to the rule's channels. */
  private record(key: string, { alert, transition }: Applied, rule: Rule | null): void {
    this.dirty.set(alert.id, { alert, key });
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush(), alertTuning.flushMs);
      this.flushTimer.unref();
    }
    if (alert.hostId) this.b.fleet.hub.publish({ type: 'alert', hostId: alert.hostId, alert });
    const channels = rule?.channelIds ?? this.rules.find((r) => r.id === alert.ruleId)?.channelIds ?? [];
    if (transition && channels.length) this.send(transition, channels);
  }

  private send(t: AlertTransition, channels: string[]): void {
    dispatchAlert(this.b, t, channels);
  }

  /** Writes what changed since the last flush, in order, one batch at a time. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    if (!batch.length) return this.writing;
    this.writing = this.writing.then(() =>
      saveAlerts(
        this.b.db,
        batch.map(({ alert, key }) => alertRow(alert, key)),
      ).catch((e) => console.warn(`berth: could not save ${batch.length} alert(s): ${(e as Error).message}`)),
    );
    return this.writing;
  }

  private hostName(hostId: string): string | null {
    return this.b.fleet.has(hostId) ? this.b.fleet.runtime(hostId).name : null;
  }

  resolveWhere(pred: (a: Alert) => boolean): void {
    const now = Date.now();
    for (const [key, a] of [...this.open.firing]) if (pred(a)) this.record(key, resolveAlert(this.open, key, a, now), null);
  }

  /** Resolves one firing alert by hand; a resolved one is refused (409) with its time. */
  resolveById(id: string): Alert {
    for (const [key, a] of this.open.firing)
      if (a.id === id) {
        const applied = resolveAlert(this.open, key, a, Date.now());
        this.record(key, applied, null);
        return applied.alert;
      }
    throw conflict(`Alert ${id} is not firing (it may have resolved already); nothing to resolve`);
  }

  /**
   * Every few seconds: restart loops that calmed down resolve, container alerts whose container is gone resolve
   * (a removal Berth did not see, e.g. while it was down), alerts whose window ended are sent, memory is pruned.
   */
  sweep(): void {
    const now = Date.now();
    for (const [key, a] of [...this.open.firing]) {
      const rule = this.rules.find((r) => r.id === a.ruleId);
      if (!rule) continue;
      if (a.subject.type === 'container' && a.hostId) {
        const rt = this.b.fleet.has(a.hostId) ? this.b.fleet.runtime(a.hostId) : null;
        if (rt?.synced && !rt.containers.has(a.subject.id)) {
          this.record(key, resolveAlert(this.open, key, a, now), rule);
          forget(this.mem, a.subject.id);
          continue;
        }
      }
      if (rule.kind === 'restart-loop' && restartLoopOver(rule, this.mem, a.subject.id, now)) {
        this.record(key, resolveAlert(this.open, key, a, now), rule);
        continue;
      }
      if (a.silenced && !silencedBy(this.windows, a.hostId, a.stack ?? null, now)) this.record(key, unsilence(this.open, key, a, now), rule);
    }
    prune(this.open, now, Math.max(0, ...this.rules.map((r) => r.cooldownSeconds)) * 1000);
    if (this.windows.some((w) => Date.parse(w.endsAt) <= now)) this.windows = this.windows.filter((w) => Date.parse(w.endsAt) > now);
  }

  /** One round of disk checks on every online host some disk rule covers; the tests call it as alertEngine(b).checkDisks() instead of waiting for the timer. */
  async checkDisks(): Promise<void> {
    const rules = this.rules.filter((r) => r.enabled && r.kind === 'disk-usage');
    if (!rules.length || this.stopped) return;
    await checkDisks(
      this.b,
      rules,
      (e) => this.handle(e),
      (hostId, msg) => this.warnOnce(hostId, msg),
    );
  }

  private warnOnce(key: string, msg: string): void {
    if (this.warned.get(key) === msg) return;
    this.warned.set(key, msg);
    console.warn(`berth: ${msg}`);
  }

  /** Firing alerts and recently resolved ones, newest first (the store may lag them by a flush). */
  current(): Alert[] {
    return [...this.open.firing.values(), ...this.open.resolved.values()];
  }
}

const KEY = Symbol.for('berth.alert-engines');
type Holder = { [KEY]?: WeakMap<Berth, AlertEngine> };

/** The Berth's engine, made (not started) on first use. */
export function alertEngine(b: Berth): AlertEngine {
  const holder = globalThis as Holder;
  const engines = (holder[KEY] ??= new WeakMap());
  let e = engines.get(b);
  if (!e) engines.set(b, (e = new AlertEngine(b)));
  return e;
}

/** Starts the engine (server/context.ts); the returned stop flushes unsaved alerts. */
export async function startAlerts(b: Berth): Promise<() => Promise<void>> {
  const e = alertEngine(b);
  await e.start();
  return () => e.stop();
}

/** An external health transition (server/health/dispatch.ts): the unhealthy rule's second source. */
export function alertOnExternalHealth(
  b: Berth,
  x: { hostId: string; id: string; name: string; stack: string; service: string; state: string; error: string | null },
): void {
  alertEngine(b).handle({ type: 'external-health', at: Date.now(), ...x });
}
