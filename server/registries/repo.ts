import crypto from 'node:crypto';
import type { RegistryView } from '@/lib/types';
import type { SecretBox } from '../crypto/secrets';
import type { Db } from '../db';
import type { RegistriesTable } from '../db/schema';

/** A stored registry with its password opened: stays inside server/. RegistryView is what leaves. */
export interface RegistryRecord {
  id: string;
  name: string;
  address: string;
  username: string | null;
  password: string | null;
  createdAt: string;
  updatedAt: string;
}

function toRecord(row: RegistriesTable, box: SecretBox): RegistryRecord {
  const secrets = row.secrets ? (JSON.parse(box.open(row.secrets)) as { password?: string }) : {};
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    username: row.username,
    password: secrets.password ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const toView = (r: RegistryRecord): RegistryView => ({
  id: r.id,
  name: r.name,
  address: r.address,
  username: r.username,
  hasPassword: Boolean(r.password),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const seal = (box: SecretBox, password: string | null) => (password ? box.seal(JSON.stringify({ password })) : null);

export async function listRegistryRecords(db: Db, box: SecretBox): Promise<RegistryRecord[]> {
  const rows = await db.selectFrom('registries').selectAll().orderBy('name').execute();
  return rows.map((r) => toRecord(r, box));
}

export async function findRegistryRecord(db: Db, box: SecretBox, id: string): Promise<RegistryRecord | null> {
  const row = await db.selectFrom('registries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row, box) : null;
}

export async function findRegistryByAddress(db: Db, box: SecretBox, address: string): Promise<RegistryRecord | null> {
  const row = await db.selectFrom('registries').selectAll().where('address', '=', address).executeTakeFirst();
  return row ? toRecord(row, box) : null;
}

export async function findRegistryIdByName(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom('registries').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertRegistry(
  db: Db,
  box: SecretBox,
  r: { name: string; address: string; username: string | null; password: string | null },
): Promise<string> {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await db
    .insertInto('registries')
    .values({ id, name: r.name, address: r.address, username: r.username, secrets: seal(box, r.password), created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateRegistryRow(
  db: Db,
  box: SecretBox,
  id: string,
  r: { name: string; address: string; username: string | null; password: string | null },
): Promise<void> {
  await db
    .updateTable('registries')
    .set({ name: r.name, address: r.address, username: r.username, secrets: seal(box, r.password), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function deleteRegistryRow(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('registries').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
