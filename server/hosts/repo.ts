import crypto from 'node:crypto';
import type { HostInfo, HostKind } from '@/lib/types';
import type { Db } from '../db';
import type { HostsTable } from '../db/schema';
import type { SecretBox } from '../crypto/secrets';
import type { Connection } from '../docker/connect';

/** A host as stored, with its connection decrypted. Stays inside server/; HostView is what leaves. */
export interface HostRecord {
  id: string;
  name: string;
  kind: HostKind;
  address: string;
  connection: Connection;
  info: HostInfo | null;
  status: HostsTable['status'];
  lastError: string | null;
  lastSeenAt: string | null;
  lastCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Which fields of each kind are secret and go into the sealed column. */
const SECRET_FIELDS: Record<HostKind, string[]> = {
  socket: [],
  tcp: ['ca', 'cert', 'key'],
  ssh: ['privateKey', 'passphrase'],
};

export function addressOf(c: Connection): string {
  if (c.kind === 'socket') return c.socketPath;
  if (c.kind === 'tcp') return `${c.host}:${c.port}`;
  return `${c.username}@${c.host}:${c.port}`;
}

function split(c: Connection, box: SecretBox): { settings: string; secrets: string | null } {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === 'kind' || v === undefined) continue;
    (SECRET_FIELDS[c.kind].includes(k) ? secrets : settings)[k] = v;
  }
  return {
    settings: JSON.stringify(settings),
    secrets: Object.keys(secrets).length ? box.seal(JSON.stringify(secrets)) : null,
  };
}

function toRecord(row: HostsTable, box: SecretBox): HostRecord {
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  const secrets = row.secrets ? (JSON.parse(box.open(row.secrets)) as Record<string, unknown>) : {};
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    connection: { kind: row.kind, ...settings, ...secrets } as Connection,
    info: row.info ? (JSON.parse(row.info) as HostInfo) : null,
    status: row.status,
    lastError: row.last_error,
    lastSeenAt: row.last_seen_at,
    lastCheckedAt: row.last_checked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listHostRecords(db: Db, box: SecretBox): Promise<HostRecord[]> {
  const rows = await db.selectFrom('hosts').selectAll().orderBy('name').execute();
  return rows.map((r) => toRecord(r, box));
}

export async function findHostRecord(db: Db, box: SecretBox, id: string): Promise<HostRecord | null> {
  const row = await db.selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row, box) : null;
}

export async function findHostByName(db: Db, name: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('hosts').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertHost(db: Db, box: SecretBox, h: { name: string; connection: Connection; info: HostInfo }): Promise<string> {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await db
    .insertInto('hosts')
    .values({
      id,
      name: h.name,
      kind: h.connection.kind,
      address: addressOf(h.connection),
      ...split(h.connection, box),
      info: JSON.stringify(h.info),
      status: 'online',
      last_error: null,
      last_seen_at: now,
      last_checked_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateHostRow(db: Db, box: SecretBox, id: string, h: { name: string; connection: Connection; info?: HostInfo }): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('hosts')
    .set({
      name: h.name,
      address: addressOf(h.connection),
      ...split(h.connection, box),
      ...(h.info ? { info: JSON.stringify(h.info), status: 'online' as const, last_error: null, last_seen_at: now, last_checked_at: now } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteHostRow(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('hosts').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function saveStatus(
  db: Db,
  id: string,
  s: { status: HostsTable['status']; lastError: string | null; lastSeenAt: string | null; lastCheckedAt: string; info?: HostInfo },
): Promise<void> {
  await db
    .updateTable('hosts')
    .set({
      status: s.status,
      last_error: s.lastError,
      last_seen_at: s.lastSeenAt,
      last_checked_at: s.lastCheckedAt,
      ...(s.info ? { info: JSON.stringify(s.info) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
