import type { ContainerSummary, HostInfo, HostView, LiveMessage } from '@/lib/types';
import { connect, type Engine } from '../docker/connect';
import { listContainers } from '../docker/containers';
import { type EngineEvent, followEvents, type EventSubscription } from '../docker/events';
import { pinApi } from '../docker/api-version';
import { ping, readHostInfo } from '../docker/info';
import type { HostRecord } from '../hosts/repo';
import { ContainerCache } from './container-cache';

export interface RuntimeDeps {
  heartbeatMs: number;
  emit(msg: LiveMessage): void;
  /** every container event as the Engine sent it, before the cache digests it (the alert engine reads exit codes, OOMs, health) */
  tap?(e: EngineEvent): void;
  persist(
    hostId: string,
    s: { status: 'online' | 'offline'; lastError: string | null; lastSeenAt: string | null; lastCheckedAt: string; info?: HostInfo },
  ): void;
}

const INFO_EVERY = 15; // heartbeats between /info refreshes

/**
 * Everything Berth keeps live about one host: its connection, heartbeat, status, and a cache of its containers fed
 * by a single Engine /events stream. Page requests read the cache and never wait on the daemon, so a slow or dead
 * host cannot delay pages about other hosts.
 */
export class HostRuntime {
  readonly engine: Engine;
  readonly cache: ContainerCache;
  status: 'online' | 'offline' | 'unknown';
  lastError: string | null;
  lastSeenAt: string | null;
  lastCheckedAt: string | null;
  info: HostInfo | null;

  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private beats = 0;
  private events: EventSubscription | null = null;
  private subscribing = false;
  private stopped = false;

  constructor(
    public record: HostRecord,
    private readonly deps: RuntimeDeps,
  ) {
    this.engine = connect(record.connection);
    // the API agreed when the host was last read; the first heartbeat negotiates again
    if (record.info?.berthApi) pinApi(this.engine, record.info.berthApi);
    this.cache = new ContainerCache(this, deps.emit);
    // Trust the stored status; view() shows it as stale until a heartbeat confirms it.
    this.status = record.status;
    this.lastError = record.lastError;
    this.lastSeenAt = record.lastSeenAt;
    this.lastCheckedAt = record.lastCheckedAt;
    this.info = record.info;
  }

  /** the host's id, so a runtime travels alone instead of beside a (berth, hostId) pair */
  get id(): string {
    return this.record.id;
  }

  /** the host's name, as messages say it */
  get name(): string {
    return this.record.name;
  }

  get containers(): Map<string, ContainerSummary> {
    return this.cache.containers;
  }

  get synced(): boolean {
    return this.cache.synced;
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.deps.heartbeatMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.cache.stop();
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
            : {
                host: c.host,
                port: c.port,
                username: c.username,
                fingerprint: c.fingerprint,
                socketPath: c.socketPath,
                stored: c.passphrase ? ['privateKey', 'passphrase'] : ['privateKey'],
              },
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
      // One period to answer, but never less than 1.5 s: a healthy daemon on a busy machine must not flap offline.
      await ping(this.engine, Math.min(Math.max(this.deps.heartbeatMs, 1500), 3000));
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
      // markOffline announces going offline itself; here only coming back and new Engine facts.
      if ((before !== this.status && this.status === 'online') || infoChanged) this.deps.emit({ type: 'host', host: this.view() });
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
    this.cache.clear();
    if (was !== 'offline') {
      this.deps.persist(this.record.id, { status: 'offline', lastError: message, lastSeenAt: this.lastSeenAt, lastCheckedAt: now });
      this.deps.emit({ type: 'host', host: this.view() });
    }
  }

  private onContainerEvent(e: EngineEvent): void {
    this.deps.tap?.(e);
    this.cache.onEvent(e);
  }

  /** Opens /events first and lists second, buffering events meanwhile, so nothing between the two is lost. */
  private async subscribe(): Promise<void> {
    this.subscribing = true;
    this.cache.beginSync();
    try {
      this.events = await followEvents(
        this.engine,
        // Node and service events come from swarm managers only (other Engines send none); they are passed on, not cached.
        { filters: { type: ['container', 'node', 'service'] } },
        (e) => {
          if (this.stopped) return;
          if (e.Type === 'service') this.deps.emit({ type: 'swarm-service', hostId: this.record.id, serviceId: e.Actor.ID, action: e.Action });
          else if (e.Type === 'node') this.deps.emit({ type: 'swarm-node', hostId: this.record.id, nodeId: e.Actor.ID, action: e.Action });
          else this.onContainerEvent(e);
        },
        () => {
          // The stream ending is the fastest sign of a daemon going away: check now rather than at the next beat.
          this.events = null;
          if (!this.stopped) void this.check();
        },
      );
      // Stopped (the host removed) while the stream was opening: stop() found nothing to close, so close it here, or
      // it would go on feeding a removed host's events to the alert engine and the hub.
      if (this.stopped) {
        this.events.close();
        this.events = null;
        return;
      }
      this.cache.load(await listContainers(this));
    } catch (e) {
      this.events?.close();
      this.events = null;
      this.markOffline((e as Error).message);
    } finally {
      this.subscribing = false;
    }
  }
}
