import type { ContainerHealth } from '@/lib/health-types';
import type { ComposeModel } from '../compose/model';
import type { Db } from '../db';
import type { HealthState, Tracker } from './state';
import { deleteHealth, deleteHealthOfOtherHosts, loadHealth, type SavedHealth, saveHealth } from './store';

/**
 * The checker's state, held by the process's Berth (`berth.health`), and its persistence in `health_states` (store.ts): a row is written when a container is first seen, on
 * every transition and recreate attempt, and otherwise at most every `persistMs` while it has unsaved changes (streak
 * counts); never on every probe. On start the rows are read back (restore), and the first round that lists a host
 * completely keeps only those whose container still runs with the same id; the others are deleted.
 */
export const persistTuning = { persistMs: 5000 };

export type { ContainerHealth };

export interface Watched {
  hostId: string;
  stack: string;
  service: string;
  number: number;
  name: string;
  tracker: Tracker;
  lastProbe: number;
  probing: boolean;
  recreating: boolean;
  /** unsaved changes, and when the row was last written */
  dirty: boolean;
  savedAt: number;
  saving: Promise<void>;
}

/** The health agent of a host (agent.ts): running, or unusable until `retryAt`. */
export type AgentState = { kind: 'ready'; id: string } | { kind: 'unusable'; reason: string; retryAt: number };

/** The probe image on a host (probe-image.ts). */
export type ProbeImageStatus =
  { kind: 'unknown' } | { kind: 'ready' } | { kind: 'pulling' } | { kind: 'failed'; error: string; attempts: number; retryAt: number };

interface HealthMemory {
  watched: Map<string, Watched>;
  recreates: Map<string, { attempts: number; notBefore: number }>;
  stacks: Map<string, { at: number; list: { name: string; model: ComposeModel }[] }>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  swept: Set<string>;
  restored: boolean;
}

/** Everything the health checker keeps in memory: Berth's `health`. */
export interface HealthRuntime extends HealthMemory {
  /** each host's health agent, by host id */
  agents: Map<string, AgentState>;
  /** the probe image on each host, by host id and image */
  probeImages: Map<string, ProbeImageStatus>;
}

const emptyMemory = (): HealthMemory => ({
  watched: new Map(),
  recreates: new Map(),
  stacks: new Map(),
  timer: null,
  running: false,
  swept: new Set(),
  restored: false,
});

export function newHealthRuntime(): HealthRuntime {
  return { ...emptyMemory(), agents: new Map(), probeImages: new Map() };
}

/** What the health functions need of Berth (a Berth itself will do). */
export type HasHealth = { health: HealthRuntime };

/** Drops the checker's in-memory state, as a Berth restart does (tests; the stored rows, agents and probe images stay). */
export function forgetHealthMemory(b: HasHealth): void {
  if (b.health.timer) clearInterval(b.health.timer);
  Object.assign(b.health, emptyMemory());
}

export const replicaKey = (w: Pick<Watched, 'hostId' | 'stack' | 'service' | 'number'>) => `${w.hostId}/${w.stack}/${w.service}/${w.number}`;

export function watch(h: HealthRuntime, id: string, w: Omit<Watched, 'lastProbe' | 'probing' | 'recreating' | 'dirty' | 'savedAt' | 'saving'>): Watched {
  const full: Watched = { ...w, lastProbe: 0, probing: false, recreating: false, dirty: true, savedAt: 0, saving: Promise.resolve() };
  h.watched.set(id, full);
  return full;
}

/** Writes the row now (`force`: first sight, transitions, recreate attempts) or when it is due; writes are queued per container. */
export function persist({ db, health }: { db: Db } & HasHealth, id: string, w: Watched, force = false): Promise<void> {
  const now = Date.now();
  if (!force && (!w.dirty || now - w.savedAt < persistTuning.persistMs)) return w.saving;
  w.dirty = false;
  w.savedAt = now;
  const row: SavedHealth = {
    hostId: w.hostId,
    containerId: id,
    stack: w.stack,
    service: w.service,
    number: w.number,
    name: w.name,
    tracker: w.tracker,
    recreate: health.recreates.get(replicaKey(w)) ?? null,
  };
  w.saving = w.saving
    .then(() => saveHealth(db, row, now))
    .catch((e) => console.warn(`berth: could not save the health state of ${w.name}: ${(e as Error).message}`));
  return w.saving;
}

/** Forgets a container (gone, stopped, or no longer checked) and deletes its row after any queued write. */
export function unwatch({ db, health: s }: { db: Db } & HasHealth, id: string): void {
  const w = s.watched.get(id);
  if (!w) return;
  s.watched.delete(id);
  void w.saving
    .then(() => deleteHealth(db, w.hostId, [id]))
    .catch((e) => console.warn(`berth: could not delete the health state of ${w.name}: ${(e as Error).message}`));
}

/** Reads the stored rows back once per process (rows of hosts no longer registered are deleted). */
export async function restore({ db, health: s }: { db: Db } & HasHealth, hostIds: string[]): Promise<void> {
  if (s.restored) return;
  s.restored = true;
  await deleteHealthOfOtherHosts(db, hostIds);
  for (const r of await loadHealth(db)) {
    if (s.watched.has(r.containerId)) continue;
    const w = watch(s, r.containerId, { hostId: r.hostId, stack: r.stack, service: r.service, number: r.number, name: r.name, tracker: r.tracker });
    w.dirty = false;
    w.savedAt = Date.now();
    if (r.recreate) s.recreates.set(replicaKey(w), r.recreate);
  }
}

/** Saves every container with unsaved changes (on stop, so a restart loses nothing). */
export async function flushAll(b: { db: Db } & HasHealth): Promise<void> {
  await Promise.all([...b.health.watched.entries()].map(([id, w]) => (w.dirty ? persist(b, id, w, true) : w.saving)));
}

function view(h: HealthRuntime, id: string, w: Watched): ContainerHealth {
  const r = h.recreates.get(replicaKey(w));
  return {
    containerId: id,
    hostId: w.hostId,
    name: w.name,
    stack: w.stack,
    service: w.service,
    state: w.tracker.state,
    since: new Date(w.tracker.since).toISOString(),
    lastError: w.tracker.lastError,
    recreateAttempts: r?.attempts ?? 0,
    nextRecreateAt: r && r.notBefore > Date.now() ? new Date(r.notBefore).toISOString() : null,
  };
}

/** The health of a stack's checked containers (only services with x-berth-healthcheck appear). */
export function stackHealth({ health: h }: HasHealth, hostId: string, stack: string): ContainerHealth[] {
  return [...h.watched.entries()]
    .filter(([, w]) => w.hostId === hostId && w.stack === stack)
    .map(([id, w]) => view(h, id, w))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every checked container of the hosts `canRead` allows, for the container and stack lists. */
export function allHealth({ health: h }: HasHealth, canRead: (hostId: string) => boolean): ContainerHealth[] {
  return [...h.watched.entries()].filter(([, w]) => canRead(w.hostId)).map(([id, w]) => view(h, id, w));
}

/** Health by container id over every host, for the container list. */
export function healthByContainer({ health: h }: HasHealth): Record<string, HealthState> {
  return Object.fromEntries([...h.watched.entries()].map(([id, w]) => [id, w.tracker.state]));
}
