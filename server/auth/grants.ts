import crypto from 'node:crypto';
import type { Db } from '../db';
import type { GrantsTable } from '../db/schema';
import type { Role } from './policy';
import type { UserRow } from './users';
import { teamsOf } from './users';

export type GrantRow = GrantsTable;

export const ROLE_RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };
export const ALL_HOSTS = '*';

export async function listGrantRows(db: Db): Promise<GrantRow[]> {
  return db.selectFrom('grants').selectAll().orderBy('created_at').execute();
}

/** Adds or replaces the role one subject holds on one host (or on every host). */
export async function putGrant(db: Db, g: Omit<GrantRow, 'id' | 'created_at'>): Promise<GrantRow> {
  const subject = g.subject_kind === 'user' ? g.subject : g.subject.toLowerCase();
  await db.deleteFrom('grants').where('subject_kind', '=', g.subject_kind).where('subject', '=', subject).where('host_id', '=', g.host_id).execute();
  const row: GrantRow = { ...g, subject, id: crypto.randomUUID(), created_at: new Date().toISOString() };
  await db.insertInto('grants').values(row).execute();
  return row;
}

export async function deleteGrant(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('grants').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The grants that apply to a user: their own, their GitHub login's, and their GitHub teams'. */
export async function grantsFor(db: Db, user: UserRow): Promise<GrantRow[]> {
  const teams = user.kind === 'github' ? teamsOf(user) : [];
  return db
    .selectFrom('grants')
    .selectAll()
    .where((eb) => {
      const ors = [eb.and([eb('subject_kind', '=', 'user'), eb('subject', '=', user.id)])];
      if (user.kind === 'github') ors.push(eb.and([eb('subject_kind', '=', 'github_user'), eb('subject', '=', user.username.toLowerCase())]));
      if (teams.length) ors.push(eb.and([eb('subject_kind', '=', 'github_team'), eb('subject', 'in', teams)]));
      return eb.or(ors);
    })
    .execute();
}

/** The strongest role among grants for `hostId` or for every host; without a host, only all-host grants count. */
export function roleFrom(grants: Pick<GrantRow, 'host_id' | 'role'>[], hostId?: string): Role | null {
  let best: Role | null = null;
  for (const g of grants) {
    if (g.host_id !== ALL_HOSTS && g.host_id !== hostId) continue;
    if (!best || ROLE_RANK[g.role] > ROLE_RANK[best]) best = g.role;
  }
  return best;
}

/** Whether some enabled local user is admin on every host: until then Berth is in first-run setup. */
export async function adminExists(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.subject')
    .select('users.id')
    .where('grants.subject_kind', '=', 'user')
    .where('grants.role', '=', 'admin')
    .where('grants.host_id', '=', ALL_HOSTS)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return !!row;
}
