import type { ContainerStatsBatch, HostStatsTotals, StatsEndReason } from '@/lib/stats-types';
import type { LiveMessage } from '@/lib/types';
import { inspectContainer } from '../docker/containers';
import { openStatsStream, readStatsLines, readStatsOnce } from '../docker/stats';
import type { Fleet } from '../live/fleet';
import { ContainerFeed, type Upstream, type Viewer } from './feed';
import { HostPoller } from './poller';

/** How often the list's columns and the host totals are read. */
export const POLL_MS = 3000;
const SWEEP_MS = 60_000;

interface HostStats {
  feeds: Map<string, ContainerFeed>;
  poller: HostPoller;
}

const live = (state: string) => state === 'running' || state === 'paused';

/**
 * Live stats for every host: per container one shared upstream stream (ContainerFeed) while someone watches its
 * page, and per host one poller for the list columns and the host totals. Follows the live cache's messages to end
 * streams of containers that stop or are removed. One per process: Berth's `stats`.
 */
export class StatsService {
  private hosts = new Map<string, HostStats>();
  private unsubscribe: () => void;
  private sweeper: NodeJS.Timeout;
  /** every upstream Engine stats stream ever opened (tests prove sharing with it) */
  upstreamOpens = 0;

  constructor(private readonly fleet: Fleet) {
    this.unsubscribe = fleet.hub.subscribe((m) => this.onLive(m), { internal: true });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Subscribes `viewer` to one container's history and live samples. Throws not_found for an unknown container. */
  async subscribe(hostId: string, cid: string, viewer: Viewer): Promise<() => void> {
    const { id, running } = await this.resolve(hostId, cid);
    return this.feed(hostId, id, running).subscribe(viewer);
  }

  /** The list's CPU/memory columns: latest figures of the rows on screen (and keep reading them a while). */
  batch(hostId: string, ids: string[]): ContainerStatsBatch {
    const rt = this.fleet.runtime(hostId);
    // Rows are named by full id; anything else (a name, a prefix) is not a row of the list.
    return this.host(hostId).poller.touch(ids.filter((id) => rt.containers.has(id)));
  }

  watchHost(hostId: string, listener: (t: HostStatsTotals) => void): () => void {
    this.fleet.runtime(hostId);
    return this.host(hostId).poller.watchTotals(listener);
  }

  /** Upstream Engine streams open right now. */
  openUpstreams(): number {
    let n = 0;
    for (const h of this.hosts.values()) for (const f of h.feeds.values()) if (f.streaming) n++;
    return n;
  }

  stop(): void {
    this.unsubscribe();
    clearInterval(this.sweeper);
    for (const h of this.hosts.values()) {
      h.poller.stop();
      for (const f of h.feeds.values()) f.end('host removed');
    }
    this.hosts.clear();
  }

  private async resolve(hostId: string, cid: string): Promise<{ id: string; running: boolean }> {
    const rt = this.fleet.runtime(hostId);
    const cached = rt.containers.get(cid) ?? [...rt.containers.values()].find((c) => c.name === cid || c.id.startsWith(cid));
    if (cached) return { id: cached.id, running: live(cached.state) };
    // Not in the cache: maybe not synced yet, or a container that was removed but whose history is still kept.
    const kept = [...(this.hosts.get(hostId)?.feeds.values() ?? [])].find((f) => f.id === cid || f.id.startsWith(cid));
    if (kept) return { id: kept.id, running: false };
    const c = await inspectContainer(rt, cid);
    return { id: c.id, running: live(c.state) };
  }

  private host(hostId: string): HostStats {
    let h = this.hosts.get(hostId);
    if (!h) {
      const rt = () => this.fleet.runtime(hostId);
      const feeds = new Map<string, ContainerFeed>();
      const poller = new HostPoller({
        hostId,
        intervalMs: POLL_MS,
        running: () => [...rt().containers.values()].filter((c) => c.state === 'running').map((c) => c.id),
        readOnce: (id) => readStatsOnce(rt().engine, id),
        liveSample: (id) => feeds.get(id)?.fresh(),
      });
      h = { feeds, poller };
      this.hosts.set(hostId, h);
    }
    return h;
  }

  private feed(hostId: string, id: string, running: boolean): ContainerFeed {
    const h = this.host(hostId);
    let f = h.feeds.get(id);
    if (!f) {
      const engine = () => this.fleet.runtime(hostId).engine;
      f = new ContainerFeed(id, running, {
        opened: () => this.upstreamOpens++,
        open: async (reading, end): Promise<Upstream> => {
          const ctl = new AbortController();
          const stream = await openStatsStream(engine(), id, ctl.signal);
          let closed = false;
          const done = () => {
            if (!closed) {
              closed = true;
              end();
            }
          };
          readStatsLines(stream, reading);
          stream.on('end', done).on('error', done).on('close', done);
          return {
            close: () => {
              closed = true;
              ctl.abort();
              stream.destroy();
            },
          };
        },
        diagnose: async (): Promise<StatsEndReason | 'running'> => {
          try {
            const c = await inspectContainer(this.fleet.runtime(hostId), id);
            return live(c.state) ? 'running' : 'container stopped';
          } catch (e) {
            return (e as { kind?: string }).kind === 'not_found' ? 'container removed' : 'stats stream ended';
          }
        },
      });
      h.feeds.set(id, f);
    }
    return f;
  }

  private onLive(m: LiveMessage): void {
    if (m.type === 'host-removed') {
      const h = this.hosts.get(m.hostId);
      if (!h) return;
      h.poller.stop();
      for (const f of h.feeds.values()) f.end('host removed');
      this.hosts.delete(m.hostId);
      return;
    }
    const feeds = 'hostId' in m ? this.hosts.get(m.hostId)?.feeds : undefined;
    if (!feeds) return;
    if (m.type === 'container') {
      const f = feeds.get(m.container.id);
      if (!f) return;
      if (live(m.container.state)) f.running();
      else f.end('container stopped');
    } else if (m.type === 'container-removed') {
      feeds.get(m.id)?.end('container removed');
    } else if (m.type === 'host-containers' && m.containers.length) {
      // After a resync: containers missing from the new list were removed while Berth was not listening.
      const present = new Set(m.containers.map((c) => c.id));
      for (const f of feeds.values()) if (!present.has(f.id)) f.end('container removed');
    }
  }

  private sweep(): void {
    for (const h of this.hosts.values()) for (const [id, f] of h.feeds) if (f.expired()) h.feeds.delete(id);
  }
}
