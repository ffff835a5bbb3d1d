import type { ContainerListQuery } from '@/lib/schemas/containers';
import type { ContainerListResponse, ContainerSummary, HostView } from '@/lib/types';
import type { Db } from '../db';
import type { EngineEvent } from '../docker/events';
import { notFound, unreachable } from '../errors';
import { type HostRecord, saveStatus } from '../hosts/repo';
import { HostRuntime } from './host-runtime';
import { Hub } from './hub';

/**
 * The live state of every registered host, in memory: one HostRuntime each. This is the only place that holds
 * Engine connections; route handlers, SSE streams and tests all go through it.
 */
export class Fleet {
  readonly hub = new Hub();
  /** listeners of every host's raw container events (the alert engine); synchronous and must not throw */
  readonly engineEvents = new Set<(hostId: string, e: EngineEvent) => void>();
  private runtimes = new Map<string, HostRuntime>();

  constructor(
    private readonly db: Db,
    private readonly heartbeatMs: number,
  ) {}

  add(record: HostRecord): HostRuntime {
    this.runtimes.get(record.id)?.stop();
    const rt = new HostRuntime(record, {
      heartbeatMs: this.heartbeatMs,
      emit: (msg) => this.hub.publish(msg),
      tap: (e) => {
        for (const l of this.engineEvents) l(record.id, e);
      },
      persist: (id, s) => {
        saveStatus(this.db, id, s).catch((e: Error) => console.warn(`berth: could not save status of host ${id}: ${e.message}`));
      },
    });
    this.runtimes.set(record.id, rt);
    rt.start();
    this.hub.publish({ type: 'host', host: rt.view() });
    return rt;
  }

  remove(id: string): void {
    const rt = this.runtimes.get(id);
    if (!rt) return;
    rt.stop();
    this.runtimes.delete(id);
    this.hub.publish({ type: 'host-removed', hostId: id });
  }

  stopAll(): void {
    for (const rt of this.runtimes.values()) rt.stop();
    this.runtimes.clear();
  }

  runtime(id: string): HostRuntime {
    const rt = this.runtimes.get(id);
    if (!rt) throw notFound(`No host with id "${id}": it may have been removed`);
    return rt;
  }

  /**
   * The runtime of a host that is worth asking: a host the heartbeat found offline is refused at once with its last
   * error, instead of every request waiting out its own deadline on a dead daemon.
   */
  reachable(id: string): HostRuntime {
    const rt = this.runtime(id);
    if (rt.status === 'offline') {
      throw unreachable(`Host ${rt.record.name} is offline: ${rt.lastError ?? 'its Docker daemon does not answer'}`);
    }
    return rt;
  }

  has(id: string): boolean {
    return this.runtimes.has(id);
  }

  hosts(): HostView[] {
    return [...this.runtimes.values()].map((rt) => rt.view()).sort((a, b) => a.name.localeCompare(b.name));
  }

  allContainers(): ContainerSummary[] {
    const out: ContainerSummary[] = [];
    for (const rt of this.runtimes.values()) for (const c of rt.containers.values()) out.push(c);
    return out;
  }

  /** Answers from the cache only: a list request never waits on a daemon. */
  containers(q: ContainerListQuery): ContainerListResponse {
    const containers: ContainerSummary[] = [];
    const unavailable: ContainerListResponse['unavailable'] = [];
    const needle = q.q?.toLowerCase();
    for (const rt of this.runtimes.values()) {
      if (q.host && rt.record.id !== q.host && rt.record.name !== q.host) continue;
      if (!rt.synced) {
        const v = rt.view();
        unavailable.push({ hostId: v.id, name: v.name, status: v.status, error: v.lastError });
        continue;
      }
      for (const c of rt.containers.values()) {
        if (q.state && c.state !== q.state) continue;
        if (q.image && !c.image.includes(q.image)) continue;
        if (q.project && c.project !== q.project) continue;
        if (needle && !matches(c, rt.record.name, needle)) continue;
        containers.push(c);
      }
    }
    if (q.host && !unavailable.length && ![...this.runtimes.values()].some((rt) => rt.record.id === q.host || rt.record.name === q.host)) {
      throw notFound(`No host "${q.host}"`);
    }
    containers.sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
    return { containers, unavailable };
  }
}

function matches(c: ContainerSummary, hostName: string, needle: string): boolean {
  return (
    c.name.toLowerCase().includes(needle) ||
    c.image.toLowerCase().includes(needle) ||
    c.id.startsWith(needle) ||
    hostName.toLowerCase().includes(needle) ||
    (c.project ?? '').toLowerCase().includes(needle) ||
    (c.service ?? '').toLowerCase().includes(needle)
  );
}
