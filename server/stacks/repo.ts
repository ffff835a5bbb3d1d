import crypto from 'node:crypto';
import type { StackVersionView } from '@/lib/compose-types';
import type { SecretBox } from '../crypto/secrets';
import type { Db } from '../db';
import type { StacksTable } from '../db/schema';
import { conflict, notFound } from '../errors';

/** A stored stack with its .env opened; stays in server/ (the .env may hold secrets). */
export interface StackRecord {
  id: string;
  hostId: string;
  name: string;
  compose: string;
  env: string;
  deployedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

const now = () => new Date().toISOString();
const seal = (box: SecretBox, env: string) => (env ? box.seal(env) : null);
const open = (box: SecretBox, env: string | null) => (env ? box.open(env) : '');

function toRecord(r: StacksTable, box: SecretBox): StackRecord {
  return {
    id: r.id,
    hostId: r.host_id,
    name: r.name,
    compose: r.compose,
    env: open(box, r.env),
    deployedVersion: r.deployed_version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listStackRecords(db: Db, box: SecretBox, hostId: string): Promise<StackRecord[]> {
  const rows = await db.selectFrom('stacks').selectAll().where('host_id', '=', hostId).orderBy('name').execute();
  return rows.map((r) => toRecord(r, box));
}

export async function findStack(db: Db, box: SecretBox, hostId: string, name: string): Promise<StackRecord | null> {
  const row = await db.selectFrom('stacks').selectAll().where('host_id', '=', hostId).where('name', '=', name).executeTakeFirst();
  return row ? toRecord(row, box) : null;
}

export async function getStackRecord(db: Db, box: SecretBox, hostId: string, name: string): Promise<StackRecord> {
  const s = await findStack(db, box, hostId, name);
  if (!s) throw notFound(`No stack named ${name} on this host in Berth; create it, or adopt it if the compose CLI started it`);
  return s;
}

export async function insertStack(db: Db, box: SecretBox, hostId: string, name: string, compose: string, env: string): Promise<StackRecord> {
  if (await findStack(db, box, hostId, name)) throw conflict(`A stack named ${name} already exists on this host; edit it or choose another name`);
  const t = now();
  const row: StacksTable = {
    id: crypto.randomUUID(),
    host_id: hostId,
    name,
    compose,
    env: seal(box, env),
    deployed_version: null,
    created_at: t,
    updated_at: t,
  };
  try {
    await db.insertInto('stacks').values(row).execute();
  } catch (e) {
    // two creates racing past the check above: the store's unique (host, name) decides, and the loser hears it plainly
    if (isUniqueViolation(e)) throw conflict(`A stack named ${name} already exists on this host; edit it or choose another name`);
    throw e;
  }
  return toRecord(row, box);
}

export async function updateStackFiles(db: Db, box: SecretBox, id: string, compose: string, env: string): Promise<void> {
  await db
    .updateTable('stacks')
    .set({ compose, env: seal(box, env), updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export async function deleteStack(db: Db, id: string): Promise<void> {
  await db.deleteFrom('stack_versions').where('stack_id', '=', id).execute();
  await db.deleteFrom('stack_templates').where('stack_id', '=', id).execute();
  await db.deleteFrom('stacks').where('id', '=', id).execute();
}

/** Records a deployed version and makes it the stack's current one. */
export async function addVersion(
  db: Db,
  box: SecretBox,
  stack: StackRecord,
  compose: string,
  env: string,
  by: string,
  folderSha: string | null = null,
): Promise<number> {
  const last = await db
    .selectFrom('stack_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('stack_id', '=', stack.id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('stack_versions')
    .values({ id: crypto.randomUUID(), stack_id: stack.id, version, compose, env: seal(box, env), folder_sha256: folderSha, created_by: by, created_at: now() })
    .execute();
  await db
    .updateTable('stacks')
    .set({ compose, env: seal(box, env), deployed_version: version, updated_at: now() })
    .where('id', '=', stack.id)
    .execute();
  return version;
}

export async function listVersions(db: Db, stack: StackRecord): Promise<StackVersionView[]> {
  const rows = await db.selectFrom('stack_versions').selectAll().where('stack_id', '=', stack.id).orderBy('version', 'desc').limit(50).execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    compose: r.compose,
    current: r.version === stack.deployedVersion,
  }));
}

export async function getVersion(
  db: Db,
  box: SecretBox,
  stack: StackRecord,
  version: number,
): Promise<{ compose: string; env: string; folderSha: string | null }> {
  const r = await db.selectFrom('stack_versions').selectAll().where('stack_id', '=', stack.id).where('version', '=', version).executeTakeFirst();
  if (!r) throw notFound(`Stack ${stack.name} has no version ${version}; the history lists the versions it has`);
  return { compose: r.compose, env: open(box, r.env), folderSha: r.folder_sha256 ?? null };
}

/** The folder digests the newest `keep` versions of a stack were deployed with. */
export async function recentFolderDigests(db: Db, stackId: string, keep: number): Promise<Set<string>> {
  const rows = await db.selectFrom('stack_versions').select('folder_sha256').where('stack_id', '=', stackId).orderBy('version', 'desc').limit(keep).execute();
  return new Set(rows.map((r) => r.folder_sha256).filter((x): x is string => !!x));
}

/** Who deployed the stack's current version (a user name as the audit log shows it), if it was ever deployed. */
export async function deployedBy(db: Db, stack: StackRecord): Promise<string | null> {
  if (stack.deployedVersion === null) return null;
  const r = await db
    .selectFrom('stack_versions')
    .select('created_by')
    .where('stack_id', '=', stack.id)
    .where('version', '=', stack.deployedVersion)
    .executeTakeFirst();
  return r?.created_by ?? null;
}

/** SQLite says "UNIQUE constraint failed" (SQLITE_CONSTRAINT_UNIQUE); PostgreSQL gives SQLSTATE 23505. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}
