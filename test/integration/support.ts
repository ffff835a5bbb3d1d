import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '@/server/config';
import { type Berth, startBerth } from '@/server/context';
import { openDb } from '@/server/db';
import { ALL_HOSTS, putGrant } from '@/server/auth/grants';
import type { Role } from '@/server/auth/policy';
import { issueToken } from '@/server/auth/tokens';
import { createLocalUser } from '@/server/auth/users';
import { harness } from '../harness';

export { docker, engineUnderTest, harness, read, type HarnessEnv } from '../harness';

export type Store = 'sqlite' | 'postgres';

/** A Berth with an empty store of the given kind, no auto-registration and a fast heartbeat. */
export async function freshBerth(store: Store = 'sqlite', extra: Record<string, string> = {}): Promise<Berth> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-int-'));
  if (store === 'postgres') await resetPostgres(harness().PG_URL);
  const config = loadConfig({
    BERTH_DATA_DIR: dataDir,
    BERTH_AUTO_REGISTER: '0',
    BERTH_HEARTBEAT_MS: '500',
    ...(store === 'postgres' ? { DATABASE_URL: harness().PG_URL } : {}),
    ...extra,
  });
  const berth = await startBerth(config);
  adminToken = await signUp(berth, 'test-admin', 'admin');
  return berth;
}

/** The API token of the admin every freshBerth() starts with; req() sends it unless told otherwise. */
export let adminToken = '';

/** A local user with a role on every host (or none), and an API token acting as them. */
export async function signUp(berth: Berth, username: string, role: Role | null, hostId = ALL_HOSTS): Promise<string> {
  const user = await createLocalUser(berth.db, username, `${username}-Pa55word!`);
  if (role) await putGrant(berth.db, { subject_kind: 'user', subject: user.id, host_id: hostId, role });
  return (await issueToken(berth.db, user.id, 'tests', 'api', null)).token;
}

export async function resetPostgres(url: string): Promise<void> {
  const db = await openDb({ databaseUrl: url, dataDir: os.tmpdir() });
  // Every table, whoever's migration made it: the schema is recreated from nothing.
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  await db.destroy();
}

/** Calls fn every `every` ms until it returns something truthy, which it returns; fails after `ms` naming `what`. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 5000,
  every = 25,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** The message of an error answer ({ error: { message } }). */
export const errorMessage = async (res: Response) => (await res.json()).error.message as string;

export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Unique compose project names (lowercase letters, digits and "-"), each remembered in `into` for the suite's cleanup. */
export function stackNamer(into: string[]): (prefix: string) => string {
  return (prefix) => {
    const n = uniqueName(prefix)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    into.push(n);
    return n;
  };
}

/**
 * A request as a browser on http://localhost:3000 would send it, for calling route handlers directly; `json` becomes
 * the body with its content type. It carries the admin's token unless `token` names another (or null for none).
 */
export const req = (path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}) =>
  new Request(`http://localhost:3000${path}`, {
    ...init,
    headers: {
      host: 'localhost:3000',
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token !== null && (init.token ?? adminToken) ? { authorization: `Bearer ${init.token ?? adminToken}` } : {}),
      ...(init.headers ?? {}),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });

/** The second argument Next passes to a route handler. */
export const params = <T>(p: T) => ({ params: Promise.resolve(p) });
