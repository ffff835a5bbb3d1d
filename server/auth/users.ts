import crypto from 'node:crypto';
import type { Db } from '../db';
import type { UsersTable } from '../db/schema';
import { conflict, notFound } from '../errors';
import { hashPassword, isWeakPassword } from './passwords';

export type UserRow = UsersTable;

const now = () => new Date().toISOString();

export async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUserRows(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function createLocalUser(db: Db, username: string, password: string): Promise<UserRow> {
  if (await findUserByName(db, username)) throw conflict(`A user named ${username} already exists; pick another name`);
  const row: UserRow = {
    id: crypto.randomUUID(),
    username,
    kind: 'local',
    display_name: null,
    password_hash: await hashPassword(password),
    weak_password: isWeakPassword(password, username) ? 1 : 0,
    github_id: null,
    github_token: null,
    teams: '[]',
    teams_checked_at: null,
    disabled: 0,
    last_sign_in_at: null,
    created_at: now(),
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function setPassword(db: Db, id: string, password: string): Promise<void> {
  const user = await getUser(db, id);
  if (!user || user.kind !== 'local') throw notFound('No local user with that id; GitHub users sign in through GitHub');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), weak_password: isWeakPassword(password, user.username) ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** GitHub users are keyed by GitHub's numeric id (logins can be renamed); the login becomes the user name. */
export async function upsertGithubUser(db: Db, gh: { id: string; login: string; name: string | null; sealedToken: string; teams: string[] }): Promise<UserRow> {
  const existing = await db.selectFrom('users').selectAll().where('github_id', '=', gh.id).executeTakeFirst();
  const fields = {
    username: gh.login.toLowerCase(),
    display_name: gh.name,
    github_token: gh.sealedToken,
    teams: JSON.stringify(gh.teams),
    teams_checked_at: now(),
    last_sign_in_at: now(),
  };
  if (existing) {
    await db.updateTable('users').set(fields).where('id', '=', existing.id).execute();
    return { ...existing, ...fields };
  }
  const clash = await findUserByName(db, fields.username);
  if (clash) throw conflict(`The GitHub login ${gh.login} matches the local user ${clash.username}; an admin must rename or remove that user first`);
  const row: UserRow = {
    id: crypto.randomUUID(),
    kind: 'github',
    password_hash: null,
    weak_password: 0,
    github_id: gh.id,
    disabled: 0,
    created_at: now(),
    ...fields,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function touchSignIn(db: Db, id: string): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now() }).where('id', '=', id).execute();
}

export async function setDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  const r = await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', id)
    .executeTakeFirst();
  if (!Number(r.numUpdatedRows)) throw notFound('No such user; it may have been removed');
}

export async function setTeams(db: Db, id: string, teams: string[]): Promise<void> {
  await db
    .updateTable('users')
    .set({ teams: JSON.stringify(teams), teams_checked_at: now() })
    .where('id', '=', id)
    .execute();
}

export const teamsOf = (u: UserRow): string[] => JSON.parse(u.teams) as string[];
