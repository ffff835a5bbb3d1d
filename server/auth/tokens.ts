import crypto from 'node:crypto';
import type { TokenView } from '@/lib/auth-types';
import type { Db } from '../db';
import type { ApiTokensTable } from '../db/schema';
import { notFound } from '../errors';

/**
 * API tokens are 256 random bits shown once; only their sha256 is stored (with so much entropy a slow hash adds
 * nothing, and lookups stay one indexed query). A token carries no rights of its own: it acts as its owner, with the
 * owner's current roles, and stops working when the owner is disabled.
 */
export type TokenRow = ApiTokensTable;
export const TOKEN_PREFIX = 'berth_';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type { TokenView };

export const toTokenView = (t: TokenRow): TokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  kind: t.kind,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  lastUsedAt: t.last_used_at,
});

export async function issueToken(
  db: Db,
  userId: string,
  name: string,
  kind: 'api' | 'login',
  expiresAt: Date | null,
): Promise<{ token: string; view: TokenView }> {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const row: TokenRow = {
    id: crypto.randomUUID(),
    user_id: userId,
    name,
    hash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    kind,
    created_at: new Date().toISOString(),
    expires_at: expiresAt?.toISOString() ?? null,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token, view: toTokenView(row) };
}

export async function findLiveToken(db: Db, token: string): Promise<TokenRow | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row || (row.expires_at && row.expires_at <= new Date().toISOString())) return undefined;
  return row;
}

export async function markUsed(db: Db, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function listTokenRows(db: Db, userId: string): Promise<TokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('kind', '=', 'api')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeToken(db: Db, userId: string, id: string): Promise<void> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!Number(r.numUpdatedRows)) throw notFound('No such token among yours; it may already be revoked');
}
