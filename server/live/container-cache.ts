import type { ContainerState, ContainerSummary, LiveMessage } from '@/lib/types';
import type { HostEngine } from '../docker/connect';
import { getContainerSummary } from '../docker/containers';
import type { EngineEvent } from '../docker/events';

/** Actions that do not change what the container list shows; refreshing on them would be wasted Engine calls. */
const IGNORED = /^(exec_|attach|resize|top|archive-path|extract-to-dir|export|commit|copy)/;
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
const IMPLIED: Record<string, ContainerState> = { die: 'exited', start: 'running', pause: 'paused', unpause: 'running' };

/**
 * The containers of one host, kept current from its Engine /events stream: each event marks a container dirty, and
 * dirty containers are re-read with one filtered list call per burst. Reads are served from memory.
 */
export class ContainerCache {
  readonly containers = new Map<string, ContainerSummary>();
  synced = false;

  private pending = new Set<string>();
  private inflight = new Set<string>();
  private again = new Set<string>();
  private destroyed = new Set<string>();
  private promised = new Map<string, { states: ContainerState[]; from: ContainerState | undefined; attempt: number }>();
  private flushScheduled = false;
  private buffering: EngineEvent[] | null = null;
  private stopped = false;

  constructor(
    private readonly host: HostEngine,
    private readonly emit: (msg: LiveMessage) => void,
  ) {}

  private get hostId(): string {
    return this.host.id;
  }

  /** Called before the event stream opens: events are held until the full list is in (see load). */
  beginSync(): void {
    this.buffering = [];
  }

  /** Replaces the cache with a full list, then replays the events that arrived meanwhile. */
  load(list: ContainerSummary[]): void {
    this.containers.clear();
    for (const c of list) this.containers.set(c.id, c);
    this.synced = true;
    this.emit({ type: 'host-containers', hostId: this.hostId, containers: list });
    const buffered = this.buffering ?? [];
    this.buffering = null;
    for (const e of buffered) this.onEvent(e);
  }

  /** Forgets everything (the host went away); browsers are told the host has no containers to show. */
  clear(): void {
    this.buffering = null;
    if (this.containers.size > 0 || this.synced) {
      this.containers.clear();
      this.synced = false;
      this.emit({ type: 'host-containers', hostId: this.hostId, containers: [] });
    }
  }

  stop(): void {
    this.stopped = true;
  }

  onEvent(e: EngineEvent): void {
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
      if (this.containers.delete(id)) this.emit({ type: 'container-removed', hostId: this.hostId, id });
      return;
    }
    const states = PROMISED[e.Action];
    if (states) this.promised.set(id, { states, from: this.containers.get(id)?.state, attempt: 0 });
    this.applyImplied(id, e);
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
      const c = await getContainerSummary(this.host, id);
      if (this.stopped) return;
      if (!c || this.destroyed.has(id)) {
        if (this.containers.delete(id)) this.emit({ type: 'container-removed', hostId: this.hostId, id });
        return;
      }
      // A list that has not caught up with the event yet would undo what applyImplied showed: wait for it.
      if (!this.promiseKept(id, c.state)) return;
      const old = this.containers.get(id);
      if (old && JSON.stringify(old) === JSON.stringify(c)) return;
      this.containers.set(id, c);
      this.emit({ type: 'container', hostId: this.hostId, container: c });
    } catch {
      // The heartbeat notices an unreachable host; a failed refresh is repaired by the next event or resync.
    }
  }

  /** True when the list has caught up with the last event (or we stop waiting); otherwise schedules a retry. */
  private promiseKept(id: string, state: ContainerState): boolean {
    const p = this.promised.get(id);
    if (!p) return true;
    // Kept: a state the event promised, and not merely the one from before the event.
    const kept = p.states.includes(state) && (state !== p.from || p.states.length === 1);
    if (kept || p.attempt >= RETRY_MS.length) {
      this.promised.delete(id);
      return true;
    }
    const delay = RETRY_MS[p.attempt++];
    setTimeout(() => void this.refresh(id), delay).unref();
    return false;
  }

  /**
   * Shows at once the state that an unambiguous event implies (die → exited with its exit code, start → running…),
   * rather than after the Engine's list catches up, which lags "die" by up to a few hundred milliseconds. The list
   * refresh that follows fills in the rest (status text, health, ports).
   */
  private applyImplied(id: string, e: EngineEvent): void {
    const state = IMPLIED[e.Action];
    const cur = this.containers.get(id);
    if (!state || !cur || cur.state === state) return;
    const exit = e.Action === 'die' ? Number(e.Actor.Attributes?.exitCode) : NaN;
    const next: ContainerSummary = {
      ...cur,
      state,
      stateSince: e.time || Math.floor(Date.now() / 1000),
      exitCode: Number.isFinite(exit) ? exit : cur.exitCode,
      health: state === 'exited' ? null : cur.health,
    };
    this.containers.set(id, next);
    this.emit({ type: 'container', hostId: this.hostId, container: next });
  }
}
