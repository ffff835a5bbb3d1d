import type { Berth } from '../berth';
import { listTasks } from '../docker/service-calls';
import { listRawServices, type RawService, type RawTask } from '../docker/swarm-services';
import type { HostRuntime } from '../live/host-runtime';

/**
 * One reading of a manager's services and of its tasks meant to run, shared by every caller for up to SNAPSHOT_MS.
 * Task states have no Engine events, so each open Services list polls every second (components/swarm/service-api.ts);
 * with a shared reading, N open pages cost the manager one /services and one /tasks a second, not N of each, and the
 * list is answered without waiting on the Engine whenever a reading is fresh (bench/p14.ts measures both).
 *
 * A service event on the host (create, update, remove: the host runtime publishes it as `swarm-service`) drops the
 * reading at once, and a reading that was in flight when the event came is not kept, so a change is never hidden
 * behind an older answer. Berth's own service changes drop it too (dropServiceSnapshot), since their event may
 * arrive after the page's refetch.
 */
export const SNAPSHOT_MS = 900;

export interface ServiceSnapshot {
  at: number;
  services: RawService[];
  /** tasks with desired state running (the ones the counts and pending reasons are about) */
  tasks: RawTask[];
}

interface HostState {
  /** bumped by every event or drop: a reading started under an older epoch is not kept */
  epoch: number;
  snap: ServiceSnapshot | null;
  inflight: { epoch: number; reading: Promise<ServiceSnapshot> } | null;
}

const byBerth = new WeakMap<Berth, Map<string, HostState>>();

function statesOf(b: Berth): Map<string, HostState> {
  let states = byBerth.get(b);
  if (!states) {
    const made = new Map<string, HostState>();
    states = made;
    byBerth.set(b, made);
    b.fleet.hub.subscribe(
      (m) => {
        if (m.type === 'swarm-service') dropServiceSnapshot(b, m.hostId);
        else if (m.type === 'host-removed') made.delete(m.hostId);
      },
      { internal: true },
    );
  }
  return states;
}

function hostState(b: Berth, hostId: string): HostState {
  const states = statesOf(b);
  let s = states.get(hostId);
  if (!s) states.set(hostId, (s = { epoch: 0, snap: null, inflight: null }));
  return s;
}

/** Forget the host's reading: the next list asks the Engine. */
export function dropServiceSnapshot(b: Berth, hostId: string): void {
  const s = hostState(b, hostId);
  s.epoch++;
  s.snap = null;
}

const freshOf = (s: HostState): ServiceSnapshot | null => (s.snap && Date.now() - s.snap.at < SNAPSHOT_MS ? s.snap : null);

/** The shared reading if there is one fresh enough to answer from, without asking the Engine. */
export const freshServiceSnapshot = (b: Berth, hostId: string): ServiceSnapshot | null => freshOf(hostState(b, hostId));

/** The host's services and running-desired tasks: the shared reading when fresh, else one reading for all callers. */
export function serviceSnapshot(b: Berth, host: HostRuntime): Promise<ServiceSnapshot> {
  const s = hostState(b, host.record.id);
  const fresh = freshOf(s);
  if (fresh) return Promise.resolve(fresh);
  if (s.inflight && s.inflight.epoch === s.epoch) return s.inflight.reading;
  const epoch = s.epoch;
  const reading = Promise.all([listRawServices(host.engine), listTasks(host.engine, { 'desired-state': ['running'] })]).then(([services, tasks]) => {
    const snap = { at: Date.now(), services, tasks };
    if (s.epoch === epoch) s.snap = snap;
    return snap;
  });
  const entry = { epoch, reading };
  s.inflight = entry;
  const clear = () => {
    if (s.inflight === entry) s.inflight = null;
  };
  reading.then(clear, clear);
  return reading;
}
