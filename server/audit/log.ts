import crypto from 'node:crypto';
import type { Db } from '../db';
import type { AuditTable } from '../db/schema';
import { redact } from './redact';

export type AuditRow = AuditTable;

export interface AuditEntry {
  actor: string;
  actorKind: string;
  ip?: string | null;
  action: string;
  hostId?: string | null;
  target?: string | null;
  result: 'ok' | 'denied' | 'error';
  status?: number;
  error?: string | null;
  details?: unknown;
}

/** Written (awaited) before the response leaves, so an action the user saw succeed is always on record. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      actor: e.actor,
      actor_kind: e.actorKind,
      ip: e.ip ?? null,
      action: e.action,
      host_id: e.hostId ?? null,
      target: e.target ?? null,
      result: e.result,
      status: e.status ?? null,
      error: e.error ? e.error.slice(0, 1000) : null,
      details: e.details === undefined ? null : JSON.stringify(redact(e.details)),
    })
    .execute();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  hostId?: string;
  result?: 'ok' | 'denied' | 'error';
  since?: string;
  until?: string;
  limit: number;
  before?: string;
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', 'like', `%${f.action.replace(/[%_]/g, '')}%`);
  if (f.hostId) q = q.where('host_id', '=', f.hostId);
  if (f.result) q = q.where('result', '=', f.result);
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.until) q = q.where('at', '<=', f.until);
  if (f.before) {
    // the cursor is "at|id" of the last entry shown (or just a time): order is at desc, id asc
    const [at, id] = f.before.split('|');
    q = id ? q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '>', id)])])) : q.where('at', '<', at);
  }
  return q.orderBy('at', 'desc').orderBy('id').limit(f.limit).execute();
}

const CSV_COLUMNS: (keyof AuditRow)[] = ['at', 'actor', 'actor_kind', 'ip', 'action', 'host_id', 'target', 'result', 'status', 'error', 'details'];

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run a cell as a formula. */
export function toCsv(rows: AuditRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
