import crypto from 'node:crypto';
import type { AlertChannelView, AlertDeliveryView, DeliveryStatus } from '@/lib/alert-channel-types';
import type { ChannelKind } from '@/lib/schemas/alert-channels';
import type { SecretBox } from '../../crypto/secrets';
import type { Db } from '../../db';
import { maskUrl } from './http';
import type { AlertChannelsTable, AlertDeliveriesTable } from './migration';

/** A stored channel with its secrets opened: stays inside server/. AlertChannelView is what leaves. */
export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  settings: ChannelSettings;
  secrets: ChannelSecrets;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelSettings {
  server?: string;
  topic?: string;
  host?: string;
  port?: number;
  security?: 'tls' | 'starttls' | 'none';
  from?: string;
  to?: string[];
  username?: string | null;
}

export interface ChannelSecrets {
  webhookUrl?: string;
  signingSecret?: string;
  token?: string;
  password?: string;
}

/** Deliveries kept per channel: enough to see a pattern, bounded so a flapping rule cannot fill the store. */
const KEEP_DELIVERIES = 200;

function toRecord(row: AlertChannelsTable, box: SecretBox): ChannelRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    enabled: row.enabled === 1,
    settings: JSON.parse(row.settings) as ChannelSettings,
    secrets: row.secrets ? (JSON.parse(box.open(row.secrets)) as ChannelSecrets) : {},
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function targetOf(r: ChannelRecord): string {
  const s = r.settings;
  if (r.kind === 'ntfy') return `${(s.server ?? '').replace(/\/+$/, '')}/${s.topic}`;
  if (r.kind === 'email') return `${s.host}:${s.port} → ${(s.to ?? []).join(', ')}`;
  return r.secrets.webhookUrl ? maskUrl(r.secrets.webhookUrl) : '(no URL)';
}

export function toView(r: ChannelRecord): AlertChannelView {
  const set: AlertChannelView['secretsSet'] = {};
  if (r.kind === 'webhook' || r.kind === 'slack' || r.kind === 'discord') set.webhookUrl = Boolean(r.secrets.webhookUrl);
  if (r.kind === 'webhook') set.signingSecret = Boolean(r.secrets.signingSecret);
  if (r.kind === 'ntfy') set.token = Boolean(r.secrets.token);
  if (r.kind === 'email') set.password = Boolean(r.secrets.password);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    target: targetOf(r),
    settings: { ...r.settings },
    secretsSet: set,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const sealSecrets = (box: SecretBox, s: ChannelSecrets) => {
  const kept = Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === 'string' && v !== ''));
  return Object.keys(kept).length > 0 ? box.seal(JSON.stringify(kept)) : null;
};

export async function listChannelRecords(db: Db, box: SecretBox): Promise<ChannelRecord[]> {
  const rows = await db.selectFrom('alert_channels').selectAll().orderBy('name').execute();
  return rows.map((r) => toRecord(r, box));
}

export async function findChannelRecord(db: Db, box: SecretBox, id: string): Promise<ChannelRecord | null> {
  const row = await db.selectFrom('alert_channels').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row, box) : null;
}

export async function findChannelIdByName(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom('alert_channels').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

type ChannelWrite = Pick<ChannelRecord, 'name' | 'kind' | 'enabled' | 'settings' | 'secrets'>;

export async function insertChannel(db: Db, box: SecretBox, c: ChannelWrite): Promise<string> {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await db
    .insertInto('alert_channels')
    .values({
      id,
      name: c.name,
      kind: c.kind,
      enabled: c.enabled ? 1 : 0,
      settings: JSON.stringify(c.settings),
      secrets: sealSecrets(box, c.secrets),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateChannelRow(db: Db, box: SecretBox, id: string, c: ChannelWrite): Promise<void> {
  await db
    .updateTable('alert_channels')
    .set({
      name: c.name,
      enabled: c.enabled ? 1 : 0,
      settings: JSON.stringify(c.settings),
      secrets: sealSecrets(box, c.secrets),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteChannelRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('alert_deliveries').where('channel_id', '=', id).execute();
  await db.deleteFrom('alert_channels').where('id', '=', id).execute();
}

interface DeliveryWrite {
  channelId: string;
  alertId: string;
  change: string;
  summary: string;
  attempt: number;
  status: DeliveryStatus;
  response: string | null;
  error: string | null;
}

export async function insertDelivery(db: Db, d: DeliveryWrite): Promise<AlertDeliveryView> {
  const row: AlertDeliveriesTable = {
    id: crypto.randomUUID(),
    channel_id: d.channelId,
    alert_id: d.alertId,
    change: d.change,
    summary: d.summary.slice(0, 500),
    attempt: d.attempt,
    status: d.status,
    response: d.response?.slice(0, 500) ?? null,
    error: d.error?.slice(0, 1000) ?? null,
    at: new Date().toISOString(),
  };
  await db.insertInto('alert_deliveries').values(row).execute();
  await trimDeliveries(db, d.channelId);
  return deliveryView(row);
}

/** Keeps the newest KEEP_DELIVERIES rows of a channel. */
async function trimDeliveries(db: Db, channelId: string): Promise<void> {
  const cutoff = await db
    .selectFrom('alert_deliveries')
    .select('at')
    .where('channel_id', '=', channelId)
    .orderBy('at', 'desc')
    .offset(KEEP_DELIVERIES)
    .limit(1)
    .executeTakeFirst();
  if (cutoff) await db.deleteFrom('alert_deliveries').where('channel_id', '=', channelId).where('at', '<=', cutoff.at).execute();
}

export async function listDeliveries(db: Db, channelId: string, limit = 50): Promise<AlertDeliveryView[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('channel_id', '=', channelId)
    .orderBy('at', 'desc')
    .orderBy('attempt', 'desc')
    .limit(limit)
    .execute();
  return rows.map(deliveryView);
}

const deliveryView = (r: AlertDeliveriesTable): AlertDeliveryView => ({
  id: r.id,
  channelId: r.channel_id,
  alertId: r.alert_id,
  change: r.change,
  summary: r.summary,
  attempt: Number(r.attempt),
  status: r.status as DeliveryStatus,
  response: r.response,
  error: r.error,
  at: r.at,
});
