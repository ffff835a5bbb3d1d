import type { Db } from '../db';
import type { HealthStatesTable } from '../db/schema';
import type { Tracker } from './state';

/**
 * The checker's per-container state in `health_states`, so a restart keeps each container's state, streaks, initializing
 * window and recreate backoff. The checker writes on transitions and otherwise at most every few seconds per container
 * (never on every probe), and deletes the rows of containers it no longer checks.
 */
export interface SavedHealth {
  hostId: string;
  containerId: string;
  stack: string;
  service: string;
  number: number;
  name: string;
  tracker: Tracker;
  recreate: { attempts: number; notBefore: number } | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toRow(s: SavedHealth, now: number): HealthStatesTable {
  const t = s.tracker;
  return {
    host_id: s.hostId,
    container_id: s.containerId,
    stack: s.stack,
    service: s.service,
    number: s.number,
    name: s.name,
    state: t.state,
    started_at: iso(t.startedAt),
    since: iso(t.since),
    successes: t.successes,
    failures: t.failures,
    last_error: t.lastError,
    recreate_attempts: s.recreate?.attempts ?? 0,
    recreate_not_before: s.recreate?.attempts ? iso(s.recreate.notBefore) : null,
    updated_at: iso(now),
  };
}

function fromRow(r: HealthStatesTable): SavedHealth {
  return {
    hostId: r.host_id,
    containerId: r.container_id,
    stack: r.stack,
    service: r.service,
    number: Number(r.number),
    name: r.name,
    tracker: {
      state: r.state,
      startedAt: Date.parse(r.started_at),
      since: Date.parse(r.since),
      successes: Number(r.successes),
      failures: Number(r.failures),
      lastError: r.last_error,
    },
    recreate:
      Number(r.recreate_attempts) > 0
        ? { attempts: Number(r.recreate_attempts), notBefore: r.recreate_not_before ? Date.parse(r.recreate_not_before) : 0 }
        : null,
  };
}

export async function loadHealth(db: Db): Promise<SavedHealth[]> {
  return (await db.selectFrom('health_states').selectAll().execute()).map(fromRow);
}

/** Insert or update (portable: ON CONFLICT works on SQLite and PostgreSQL). */
export async function saveHealth(db: Db, s: SavedHealth, now = Date.now()): Promise<void> {
  const row = toRow(s, now);
  const { host_id: _h, container_id: _c, ...rest } = row;
  await db
    .insertInto('health_states')
    .values(row)
    .onConflict((oc) => oc.columns(['host_id', 'container_id']).doUpdateSet(rest))
    .execute();
}

export async function deleteHealth(db: Db, hostId: string, containerIds: string[]): Promise<void> {
  if (!containerIds.length) return;
  await db.deleteFrom('health_states').where('host_id', '=', hostId).where('container_id', 'in', containerIds).execute();
}

/** Rows of hosts that are no longer registered. */
export async function deleteHealthOfOtherHosts(db: Db, hostIds: string[]): Promise<void> {
  let q = db.deleteFrom('health_states');
  if (hostIds.length) q = q.where('host_id', 'not in', hostIds);
  await q.execute();
}
