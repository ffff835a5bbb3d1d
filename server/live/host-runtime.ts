import type { ContainerState, ContainerSummary, HostInfo, HostView } from '@/lib/types';
import { connect, type Engine } from '../docker/connect';
import { getContainerSummary, listContainers } from '../docker/containers';
import { followEvents, type EngineEvent, type EventSubscription } from '../docker/events';
import { ping, readHostInfo } from '../docker/info';
import type { HostRecord } from '../hosts/repo';
import type { LiveMessage } from '@/lib/types';

export interface RuntimeDeps {
  heartbeatMs: number;
  emit(msg: LiveMessage): void;
  persist(hostId: string, s: { status: 'online' | 'offline'; lastError: string | null; lastSeenAt: string | null; lastCheckedAt: string; info?: HostInfo }): void;
}

/** Actions that do not change what the container list shows; refreshing on them would be wasted Engine calls. */
const IGNORED = /^(exec_|attach|resize|top|archive-path|extract-to-dir|export|commit|copy)/;
const INFO_EVERY = 15; // heartbeats between /info refreshes
/**
 * The state an event promises. The Engine emits "die" and "start" a moment before the list it serves catches up,
 * so a refresh that still shows the old state is retried briefly until it shows the promised one.
 */
const PROMISED: Record<string, ContainerState[]> = {
  create: ['created'],
  start: ['running', 'exited', 'dead', 'restarting'],
  die: ['exited', 'dead', 'restarting', 'running'],
  pause: ['paused'],
  unpause: ['running', 'exited'],
};
const RETRY_MS = [10, 25, 50, 100, 250, 500];

/**
 * Everything Berth keeps live about one host: its connection, heartbeat, status, and a cache of its containers fed
 * by a single Engine /events stream. Page requests read the cache and never wait on the daemon, so a slow or dead
 * host cannot delay pages about other hosts.
 */
export class HostRuntime {
  readonly engine: Engine;
  readonly containers = new Map<string, ContainerSummary>();
  status: 'online' | 'offline' | 'unknown';
  lastError: string | null;
  lastSeenAt: string | null;
  lastCheckedAt: string | null;
  info: HostInfo | null;
  synced = false;

  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private beats = 0;
  private events: EventSubscription | null = null;
  private subscribing = false;
  private pending = new Set<string>();
  private inflight = new Set<string>();
  private again = new Set<string>();
  private destroyed = new Set<string>();
  private promised = new Map<string, { states: ContainerState[]; from: ContainerState | undefined; attempt: number }>();
  private flushScheduled = false;
  private buffering: EngineEvent[] | null = null;
  private stopped = false;

  constructor(
    public record: HostRecord,
    private readonly deps: RuntimeDeps,
  ) {
    this.engine = connect(record.connection);
    // Trust the stored status; view() shows it as stale until a heartbeat confirms it.
    this.status = record.status;
    this.lastError = record.lastError;
    this.lastSeenAt = record.lastSeenAt;
    this.lastCheckedAt = record.lastCheckedAt;
    this.info = record.info;
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.deps.heartbeatMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.events?.close();
    this.events = null;
    this.engine.close();
  }

  view(): HostView {
    const { record } = this;
    const c = record.connection;
    const checkedAgo = this.lastCheckedAt ? Date.now() - Date.parse(this.lastCheckedAt) : Infinity;
    // A heartbeat that has not reported for three periods means the status shown is no longer known to be true.
    const stale = this.status !== 'offline' && checkedAgo > 3 * this.deps.heartbeatMs + 5000;
    return {
      id: record.id,
      name: record.name,
      kind: record.kind,
      address: record.address,
      status: stale ? 'stale' : this.status,
      lastError: this.lastError,
      lastSeenAt: this.lastSeenAt,
      lastCheckedAt: this.lastCheckedAt,
      info: this.info,
      settings:
        c.kind === 'socket'
          ? { socketPath: c.socketPath }
          : c.kind === 'tcp'
            ? { host: c.host, port: c.port, stored: ['ca', 'cert', 'key'] }
            : { host: c.host, port: c.port, username: c.username, fingerprint: c.fingerprint, socketPath: c.socketPath, stored: c.passphrase ? ['privateKey', 'passphrase'] : ['privateKey'] },
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  /** One heartbeat: ping, refresh info now and then, and (re)open the event stream when it is missing. */
  async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    const before = this.status;
    let infoChanged = false;
    try {
      await ping(this.engine, Math.min(this.deps.heartbeatMs, 3000));
      const now = new Date().toISOString();
      let info: HostInfo | undefined;
      if (this.beats++ % INFO_EVERY === 0 || before !== 'online') {
        info = await readHostInfo(this.engine).catch(() => undefined);
        if (info) {
          infoChanged = JSON.stringify(info) !== JSON.stringify(this.info);
          this.info = info;
        }
      }
      this.status = 'online';
      this.lastError = null;
      this.lastSeenAt = now;
      this.lastCheckedAt = now;
      if (before !== 'online' || info) this.deps.persist(this.record.id, { status: 'online', lastError: null, lastSeenAt: now, lastCheckedAt: now, info });
      if (!this.events && !this.subscribing) void this.subscribe();
    } catch (e) {
      this.markOffline((e as Error).message);
    } finally {
      this.checking = false;
      if (before !== this.status || infoChanged) this.deps.emit({ type: 'host', host: this.view() });
    }
  }

  private markOffline(message: string): void {
    if (this.stopped) return;
    const now = new Date().toISOString();
    const was = this.status;
    this.status = 'offline';
    this.lastError = message;
    this.lastCheckedAt = now;
    this.events?.close();
    this.events = null;
    if (this.containers.size > 0 || this.synced) {
      this.containers.clear();
      this.synced = false;
      this.deps.emit({ type: 'host-containers', hostId: this.record.id, containers: [] });
    }
    if (was !== 'offline') {
      this.deps.persist(this.record.id, { status: 'offline', lastError: message, lastSeenAt: this.lastSeenAt, lastCheckedAt: now });
      this.deps.emit({ type: 'host', host: this.view() });
    }
  }

  /** Opens /events first and lists second, buffering events meanwhile, so nothing between the two is lost. */
  private async subscribe(): Promise<void> {
    this.subscribing = true;
    this.buffering = [];
    try {
      this.events = await followEvents(
        this.engine,
        { filters: { type: ['container'] } },
        (e) => this.onEvent(e),
        () => {
          // The stream ending is the fastest sign of a daemon going away: check now rather than at the next beat.
          this.events = null;
          if (!this.stopped) void this.check();
        },
      );
      const list = await listContainers(this.engine, this.record.id);
      this.containers.clear();
      for (const c of list) this.containers.set(c.id, c);
      this.synced = true;
      this.deps.emit({ type: 'host-containers', hostId: this.record.id, containers: list });
      const buffered = this.buffering;
      this.buffering = null;
      for (const e of buffered) this.onEvent(e);
    } catch (e) {
      this.events?.close();
      this.events = null;
      this.buffering = null;
      this.markOffline((e as Error).message);
    } finally {
      this.subscribing = false;
    }
  }

  private onEvent(e: EngineEvent): void {
    if (this.buffering) {
      this.buffering.push(e);
      return;
    }
    const id = e.Actor?.ID;
    if (!id || IGNORED.test(e.Action)) return;
    if (e.Action === 'destroy') {
      this.pending.delete(id);
      // Remembered so that a refresh already in flight cannot bring the removed container back.
      this.destroyed.add(id);
      if (this.destroyed.size > 10_000) this.destroyed.clear();
      if (this.containers.delete(id)) this.deps.emit({ type: 'container-removed', hostId: this.record.id, id });
      return;
    }
    const states = PROMISED[e.Action];
    if (states) this.promised.set(id, { states, from: this.containers.get(id)?.state, attempt: 0 });
    this.pending.add(id);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Coalesce a burst (create, attach, start…) into one Engine call per container.
      setImmediate(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const ids = [...this.pending];
    this.pending.clear();
    await Promise.all(ids.map((id) => this.refresh(id)));
  }

  /**
   * One refresh per container at a time: a second event while a refresh is in flight re-runs it afterwards, so an
   * older answer (running, from the "kill" event) can never land after a newer one (exited, from "die").
   */
  private async refresh(id: string): Promise<void> {
    if (this.inflight.has(id)) {
      this.again.add(id);
      return;
    }
    this.inflight.add(id);
    try {
      await this.refreshOnce(id);
    } finally {
      this.inflight.delete(id);
    }
    if (this.again.delete(id)) await this.refresh(id);
  }

  private async refreshOnce(id: string): Promise<void> {
    try {
      const c = await getContainerSummary(this.engine, this.record.id, id);
      if (this.stopped) return;
      if (!c || this.destroyed.has(id)) {
        if (this.containers.delete(id)) this.deps.emit({ type: 'container-removed', hostId: this.record.id, id });
        return;
      }
      this.checkPromise(id, c.state);
      const old = this.containers.get(id);
      if (old && JSON.stringify(old) === JSON.stringify(c)) return;
      this.containers.set(id, c);
      this.deps.emit({ type: 'container', hostId: this.record.id, container: c });
    } catch {
      // The heartbeat notices an unreachable host; a failed refresh is repaired by the next event or resync.
    }
  }

  private checkPromise(id: string, state: ContainerState): void {
    const p = this.promised.get(id);
    if (!p) return;
    // Kept: the list has caught up (a state the event promised, and not merely the one before the event).
    const kept = p.states.includes(state) && (state !== p.from || p.states.length === 1);
    if (kept || p.attempt >= RETRY_MS.length) {
      this.promised.delete(id);
      return;
    }
    const delay = RETRY_MS[p.attempt++];
    setTimeout(() => void this.refresh(id), delay).unref();
  }
}
