import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Alert, AlertKind, AlertSeverity } from '@/lib/alert-types';
import type { AlertListQuery, AlertRuleCreate, AlertRuleView, MaintenanceWindowCreate, MaintenanceWindowView } from '@/lib/schemas/alerts';
import type { Db } from '../db';
import { notFound } from '../errors';
import type { AlertRulesTable, AlertsTable, MaintenanceWindowsTable } from './tables';

/** Rows of alert_rules, alerts and maintenance_windows (migration.ts) ↔ the views the API shows. Nothing here is secret. */

function ruleView(r: Selectable<AlertRulesTable>): AlertRuleView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as AlertKind,
    hostId: r.host_id,
    stack: r.stack,
    label: r.label,
    params: JSON.parse(r.params),
    severity: r.severity as AlertSeverity,
    cooldownSeconds: Number(r.cooldown_seconds),
    channelIds: JSON.parse(r.channel_ids),
    enabled: Number(r.enabled) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const ruleRow = (r: AlertRuleCreate) => ({
  name: r.name,
  kind: r.kind,
  host_id: r.hostId,
  stack: r.stack,
  label: r.label,
  params: JSON.stringify(r.params),
  severity: r.severity,
  cooldown_seconds: r.cooldownSeconds,
  channel_ids: JSON.stringify(r.channelIds),
  enabled: r.enabled ? 1 : 0,
});

export async function listRules(db: Db): Promise<AlertRuleView[]> {
  return (await db.selectFrom('alert_rules').selectAll().orderBy('created_at').orderBy('id').execute()).map(ruleView);
}

export async function getRule(db: Db, id: string): Promise<AlertRuleView> {
  const r = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`No alert rule ${id}: it may have been deleted (GET /api/v1/alerts/rules lists them)`);
  return ruleView(r);
}

export async function insertRule(db: Db, r: AlertRuleCreate): Promise<AlertRuleView> {
  const now = new Date().toISOString();
  const row = { id: crypto.randomUUID(), ...ruleRow(r), created_at: now, updated_at: now };
  await db.insertInto('alert_rules').values(row).execute();
  return ruleView(row);
}

export async function updateRule(db: Db, id: string, r: AlertRuleCreate): Promise<AlertRuleView> {
  const res = await db
    .updateTable('alert_rules')
    .set({ ...ruleRow(r), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound(`No alert rule ${id}: it may have been deleted`);
  return getRule(db, id);
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  const res = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(`No alert rule ${id}: it may have been deleted already`);
}

function windowView(r: Selectable<MaintenanceWindowsTable>): MaintenanceWindowView {
  return {
    id: r.id,
    hostId: r.host_id,
    stack: r.stack,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Windows that have not ended yet (past ones are history nobody acts on). */
export async function listWindows(db: Db, includePast = false): Promise<MaintenanceWindowView[]> {
  let q = db.selectFrom('maintenance_windows').selectAll();
  if (!includePast) q = q.where('ends_at', '>', new Date().toISOString());
  return (await q.orderBy('starts_at').execute()).map(windowView);
}

export async function insertWindow(db: Db, w: MaintenanceWindowCreate, by: string): Promise<MaintenanceWindowView> {
  const now = new Date().toISOString();
  const row = {
    id: crypto.randomUUID(),
    host_id: w.hostId,
    stack: w.stack,
    starts_at: new Date(w.startsAt ? Date.parse(w.startsAt) : Date.now()).toISOString(),
    ends_at: new Date(Date.parse(w.endsAt)).toISOString(),
    reason: w.reason,
    created_by: by,
    created_at: now,
  };
  await db.insertInto('maintenance_windows').values(row).execute();
  return windowView(row);
}

export async function deleteWindow(db: Db, id: string): Promise<void> {
  const res = await db.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(`No maintenance window ${id}: it may have been deleted already`);
}

function alertView(r: Selectable<AlertsTable>): Alert {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    state: r.state,
    hostId: r.host_id,
    hostName: r.host_name,
    subject: { type: r.subject_type as Alert['subject']['type'], id: r.subject_id, name: r.subject_name },
    stack: r.stack,
    summary: r.summary,
    firstAt: r.first_at,
    lastAt: r.last_at,
    resolvedAt: r.resolved_at,
    count: Number(r.count),
    silenced: Number(r.silenced) === 1,
  };
}

export function alertRow(a: Alert, dedupKey: string): Selectable<AlertsTable> {
  return {
    id: a.id,
    rule_id: a.ruleId,
    rule_name: a.ruleName,
    kind: a.kind,
    severity: a.severity,
    state: a.state,
    host_id: a.hostId,
    host_name: a.hostName,
    stack: a.stack ?? null,
    subject_type: a.subject.type,
    subject_id: a.subject.id,
    subject_name: a.subject.name,
    summary: a.summary,
    first_at: a.firstAt,
    last_at: a.lastAt,
    resolved_at: a.resolvedAt,
    count: a.count,
    silenced: a.silenced ? 1 : 0,
    dedup_key: a.state === 'firing' ? dedupKey : null,
  };
}

/** Writes a batch of alerts in order (a resolved alert's key is cleared before a new one takes it). */
export async function saveAlerts(db: Db, rows: Selectable<AlertsTable>[]): Promise<void> {
  for (const row of rows) {
    const { id: _id, ...rest } = row;
    await db
      .insertInto('alerts')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute();
  }
}

export async function loadFiring(db: Db): Promise<{ alert: Alert; key: string }[]> {
  const rows = await db.selectFrom('alerts').selectAll().where('state', '=', 'firing').execute();
  return rows.map((r) => ({ alert: alertView(r), key: r.dedup_key ?? '' }));
}

export async function listAlerts(db: Db, q: Pick<AlertListQuery, 'state' | 'limit'> & { hostIds?: string[]; stack?: string }): Promise<Alert[]> {
  let query = db.selectFrom('alerts').selectAll();
  if (q.state !== 'all') query = query.where('state', '=', q.state);
  if (q.hostIds) query = q.hostIds.length ? query.where('host_id', 'in', q.hostIds) : query.where('host_id', 'is', null);
  if (q.stack) query = query.where('stack', '=', q.stack);
  return (await query.orderBy('last_at', 'desc').limit(q.limit).execute()).map(alertView);
}

export async function getAlertRow(db: Db, id: string): Promise<Alert> {
  const r = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`No alert ${id}: GET /api/v1/alerts lists them`);
  return alertView(r);
}
