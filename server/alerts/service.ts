import type { Alert } from '@/lib/alert-types';
import type { AlertListQuery, AlertRuleCreate, AlertRuleView, MaintenanceWindowCreate, MaintenanceWindowView } from '@/lib/schemas/alerts';
import { canRead, type Principal, requireRule } from '../auth/policy';
import type { Berth } from '../berth';
import { invalid, notFound } from '../errors';
import { alertEngine } from './engine';
import { deleteRule, deleteWindow, getAlertRow, getRule, insertRule, insertWindow, listAlerts, listWindows, updateRule } from './rules-repo';

/**
 * What the alert routes call: reads filtered by the caller's grants (as the container list is), and changes to rules
 * and windows that the running engine picks up at once.
 */

/** Open and recent alerts the caller may see: those of hosts they can read. */
export async function alertsFor(b: Berth, p: Principal, q: AlertListQuery): Promise<Alert[]> {
  // the engine's last changes reach the store first, so the list is as fresh as the bell
  await alertEngine(b).flush();
  const readable = p.readableHosts();
  let hostIds: string[] | undefined = readable === '*' ? undefined : [...readable];
  if (q.host) {
    if (!b.fleet.has(q.host)) throw notFound(`No host with id "${q.host}": GET /api/v1/hosts lists them`);
    if (!canRead(p, q.host)) requireRule(p, 'read', q.host);
    hostIds = [q.host];
  }
  return listAlerts(b.db, { state: q.state, limit: q.limit, hostIds, stack: q.stack });
}

export async function alertFor(b: Berth, p: Principal, id: string): Promise<Alert> {
  await alertEngine(b).flush();
  const a = await getAlertRow(b.db, id);
  // one the caller may not see is as absent as one that does not exist
  if (a.hostId && !canRead(p, a.hostId)) throw notFound(`No alert ${id}: GET /api/v1/alerts lists them`);
  return a;
}

/** Resolving by hand needs operator on the alert's host. */
export async function resolveByHand(b: Berth, p: Principal, id: string): Promise<Alert> {
  const a = await alertFor(b, p, id);
  requireRule(p, 'operate', a.hostId ?? undefined);
  const resolved = alertEngine(b).resolveById(id);
  await alertEngine(b).flush();
  return resolved;
}

function checkHost(b: Berth, hostId: string | null): void {
  if (hostId && !b.fleet.has(hostId)) throw invalid(`hostId: no host with id "${hostId}"; leave it empty for every host, or pick one from GET /api/v1/hosts`);
}

export async function createRule(b: Berth, r: AlertRuleCreate): Promise<AlertRuleView> {
  checkHost(b, r.hostId);
  const rule = await insertRule(b.db, r);
  await alertEngine(b).reload();
  return rule;
}

export async function replaceRule(b: Berth, id: string, r: AlertRuleCreate): Promise<AlertRuleView> {
  checkHost(b, r.hostId);
  const before = await getRule(b.db, id);
  const rule = await updateRule(b.db, id, r);
  const e = alertEngine(b);
  // what the rule watches changed: its open alerts are about the old question, so they resolve
  if (before.kind !== r.kind || before.hostId !== r.hostId || before.stack !== r.stack || before.label !== r.label) e.resolveWhere((a) => a.ruleId === id);
  await e.reload();
  return rule;
}

export async function removeRule(b: Berth, id: string): Promise<void> {
  await deleteRule(b.db, id);
  await alertEngine(b).reload();
}

/** Windows the caller may see: every-host ones, and those of hosts they can read. */
export async function windowsFor(b: Berth, p: Principal): Promise<MaintenanceWindowView[]> {
  return (await listWindows(b.db)).filter((w) => !w.hostId || canRead(p, w.hostId));
}

export async function createWindow(b: Berth, w: MaintenanceWindowCreate, by: string): Promise<MaintenanceWindowView> {
  checkHost(b, w.hostId);
  const win = await insertWindow(b.db, w, by);
  await alertEngine(b).reload();
  return win;
}

export async function removeWindow(b: Berth, id: string): Promise<void> {
  await deleteWindow(b.db, id);
  await alertEngine(b).reload();
}
