/** Kysely row types of the alert tables (migration.ts); server/db/schema.ts lists them in its Database. */

export interface AlertRulesTable {
  id: string;
  name: string;
  /** an AlertKind */
  kind: string;
  /** null: every host */
  host_id: string | null;
  /** compose project name; null: any */
  stack: string | null;
  /** "key" or "key=value" matched against container labels; null: any */
  label: string | null;
  /** JSON AlertRuleParams */
  params: string;
  severity: string;
  cooldown_seconds: number;
  /** JSON array of channel ids (server/alerts/channels) */
  channel_ids: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface AlertsTable {
  id: string;
  rule_id: string;
  rule_name: string;
  kind: string;
  severity: string;
  state: 'firing' | 'resolved';
  host_id: string | null;
  host_name: string | null;
  stack: string | null;
  subject_type: string;
  subject_id: string;
  subject_name: string;
  summary: string;
  first_at: string;
  last_at: string;
  resolved_at: string | null;
  count: number;
  silenced: number;
  /** rule/host/subject while firing, null once resolved (unique among firing alerts) */
  dedup_key: string | null;
}

export interface MaintenanceWindowsTable {
  id: string;
  host_id: string | null;
  stack: string | null;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: string;
  created_at: string;
}
