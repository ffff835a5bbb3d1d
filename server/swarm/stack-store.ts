import type { Kysely } from 'kysely';
import type { Berth } from '../berth';

/** A row of swarm_stacks (stack-migration.ts); the table is this module's own, so its type lives here. */
interface SwarmStacksTable {
  host_id: string;
  name: string;
  compose: string;
  env: string | null;
  files: string | null;
  deployed_by: string;
  updated_at: string;
}
const db = (b: Berth) => b.db as unknown as Kysely<{ swarm_stacks: SwarmStacksTable }>;

/** What Berth deployed as a Swarm stack; env and files opened (server/ only: they may hold secrets' data). */
interface StoredSwarmStack {
  compose: string;
  env: string;
  files: Record<string, string>;
  deployedBy: string;
  updatedAt: string;
}

export async function findSwarmStack(b: Berth, hostId: string, name: string): Promise<StoredSwarmStack | null> {
  const r = await db(b).selectFrom('swarm_stacks').selectAll().where('host_id', '=', hostId).where('name', '=', name).executeTakeFirst();
  if (!r) return null;
  return {
    compose: r.compose,
    env: r.env ? b.box.open(r.env) : '',
    files: r.files ? (JSON.parse(b.box.open(r.files)) as Record<string, string>) : {},
    deployedBy: r.deployed_by,
    updatedAt: r.updated_at,
  };
}

export async function storedSwarmStackNames(b: Berth, hostId: string): Promise<Set<string>> {
  const rows = await db(b).selectFrom('swarm_stacks').select('name').where('host_id', '=', hostId).execute();
  return new Set(rows.map((r) => r.name));
}

export async function saveSwarmStack(b: Berth, hostId: string, name: string, s: Omit<StoredSwarmStack, 'updatedAt'>): Promise<void> {
  const row: SwarmStacksTable = {
    host_id: hostId,
    name,
    compose: s.compose,
    env: s.env ? b.box.seal(s.env) : null,
    files: Object.keys(s.files).length ? b.box.seal(JSON.stringify(s.files)) : null,
    deployed_by: s.deployedBy,
    updated_at: new Date().toISOString(),
  };
  await db(b)
    .transaction()
    .execute(async (t) => {
      await t.deleteFrom('swarm_stacks').where('host_id', '=', hostId).where('name', '=', name).execute();
      await t.insertInto('swarm_stacks').values(row).execute();
    });
}

export async function deleteSwarmStack(b: Berth, hostId: string, name: string): Promise<void> {
  await db(b).deleteFrom('swarm_stacks').where('host_id', '=', hostId).where('name', '=', name).execute();
}
