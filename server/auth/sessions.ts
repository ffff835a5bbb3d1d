import crypto from 'node:crypto';
import type { Db } from '../db';
import type { SessionsTable } from '../db/schema';

/**
 * Browser sessions live in the store, not only in the signed cookie: the cookie carries a session id, and every
 * request looks the row up, so revoking a session (sign-out, user disabled, removed from the GitHub team) takes effect
 * on the very next request instead of when the cookie expires.
 */
export type SessionRow = SessionsTable;

export async function createSession(db: Db, userId: string, hours: number, ip: string | null): Promise<SessionRow> {
  const row: SessionRow = {
    id: crypto.randomBytes(24).toString('base64url'),
    user_id: userId,
    created_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + hours * 3600_000).toISOString(),
    revoked_at: null,
    revoked_reason: null,
    ip,
  };
  await db.insertInto('sessions').values(row).execute();
  return row;
}

export async function activeSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

export async function revokeSession(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date().toISOString(), revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Db, userId: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date().toISOString(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Users with a session that is still live: the ones whose GitHub membership must be re-checked. */
export async function usersWithLiveSessions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('sessions')
    .select('user_id')
    .distinct()
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .execute();
  return rows.map((r) => r.user_id);
}
