import { useQuery } from '@tanstack/react-query';
import type { Alert } from '@/lib/alert-types';
import { call } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import type { AlertRuleCreate, MaintenanceWindowCreate } from '@/lib/schemas/alerts';

export const alertsApi = {
  firing: () => call('GET /api/v1/alerts', { state: 'firing', limit: 500 }).then((r) => r.alerts),
  history: () => call('GET /api/v1/alerts', { state: 'all', limit: 200 }).then((r) => r.alerts),
  resolve: (aid: string) => call('POST /api/v1/alerts/{aid}', { aid }, { action: 'resolve' }).then((r) => r.alert),
  rules: () => call('GET /api/v1/alerts/rules').then((r) => r.rules),
  createRule: (input: AlertRuleCreate) => call('POST /api/v1/alerts/rules', {}, input).then((r) => r.rule),
  updateRule: (rid: string, input: AlertRuleCreate) => call('PUT /api/v1/alerts/rules/{rid}', { rid }, input).then((r) => r.rule),
  removeRule: (rid: string) => call('DELETE /api/v1/alerts/rules/{rid}', { rid }),
  windows: () => call('GET /api/v1/alerts/maintenance').then((r) => r.windows),
  createWindow: (input: MaintenanceWindowCreate) => call('POST /api/v1/alerts/maintenance', {}, input).then((r) => r.window),
  removeWindow: (wid: string) => call('DELETE /api/v1/alerts/maintenance/{wid}', { wid }),
};

/** Every firing alert the user may see, shared by the bell and the banners; live 'alert' messages keep it current. */
export function useFiringAlerts() {
  // a slow safety refetch: the live stream carries every change, this only repairs a missed one
  return useQuery({ queryKey: qk.alertsFiring, queryFn: alertsApi.firing, refetchInterval: 60_000 });
}

/** The page of what an alert is about. */
export function hrefOf(a: Alert): string | null {
  const host = a.hostId ? encodeURIComponent(a.hostId) : null;
  if (!host) return null;
  switch (a.subject.type) {
    case 'container':
      return `/hosts/${host}/containers/${encodeURIComponent(a.subject.id)}`;
    case 'stack':
      return `/stacks/${host}/${encodeURIComponent(a.subject.id)}`;
    case 'host':
      return `/hosts/${host}`;
    case 'image':
      return `/images?host=${host}`;
  }
}

export const SEVERITY_TONE = { critical: 'red', warning: 'amber', info: 'blue' } as const;
