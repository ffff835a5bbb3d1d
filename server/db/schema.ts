import type { AlertChannelsTable, AlertDeliveriesTable } from '../alerts/channels/migration';
import type { AlertRulesTable, AlertsTable, MaintenanceWindowsTable } from '../alerts/tables';

/**
 * Table types for Kysely. Timestamps are ISO-8601 text and JSON is text so that one set of queries and migrations
 * runs unchanged on SQLite and PostgreSQL.
 */
export interface HostsTable {
  id: string;
  name: string;
  kind: 'socket' | 'tcp' | 'ssh';
  /** socket path, `host:port` for TCP, `user@host:port` for SSH — shown to users, never secret */
  address: string;
  /** non-secret settings as JSON (e.g. SSH fingerprint, remote socket path) */
  settings: string;
  /** sealed JSON of keys and certificates; never leaves server/ */
  secrets: string | null;
  /** last Engine info as JSON, or null before the first successful contact */
  info: string | null;
  status: 'online' | 'offline' | 'unknown';
  last_error: string | null;
  last_seen_at: string | null;
  last_checked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  hosts: HostsTable;
  meta: MetaTable;
  users: UsersTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditTable;
  registries: RegistriesTable;
  stacks: StacksTable;
  stack_versions: StackVersionsTable;
  stack_operations: StackOperationsTable;
  health_states: HealthStatesTable;
  stack_templates: StackTemplatesTable;
  catalog_sources: CatalogSourcesTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  maintenance_windows: MaintenanceWindowsTable;
  alert_channels: AlertChannelsTable;
  alert_deliveries: AlertDeliveriesTable;
}

export interface UsersTable {
  id: string;
  /** local user name, or the GitHub login for GitHub users */
  username: string;
  kind: 'local' | 'github';
  display_name: string | null;
  /** scrypt hash (local users only) */
  password_hash: string | null;
  /** 1 when the password was judged weak when set: drives the warning banner */
  weak_password: number;
  github_id: string | null;
  /** sealed OAuth token, kept to re-check organization and team membership */
  github_token: string | null;
  /** JSON array of "org/team" slugs from the last membership check */
  teams: string;
  teams_checked_at: string | null;
  disabled: number;
  last_sign_in_at: string | null;
  created_at: string;
}

export interface GrantsTable {
  id: string;
  subject_kind: 'user' | 'github_user' | 'github_team';
  /** user id, GitHub login (lower case) or "org/team" (lower case) */
  subject: string;
  /** a host id, or "*" for every host */
  host_id: string;
  role: 'viewer' | 'operator' | 'admin';
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  ip: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** sha256 of the token: tokens are 256 random bits, so a fast hash is enough */
  hash: string;
  /** the first characters, to tell tokens apart in lists */
  prefix: string;
  kind: 'api' | 'login';
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditTable {
  id: string;
  at: string;
  actor: string;
  actor_kind: string;
  ip: string | null;
  action: string;
  host_id: string | null;
  target: string | null;
  result: 'ok' | 'denied' | 'error';
  status: number | null;
  error: string | null;
  /** JSON, secrets redacted */
  details: string | null;
}

export interface RegistriesTable {
  id: string;
  name: string;
  /** host[:port] as image references name it, e.g. registry.example.com:5000; "docker.io" for Docker Hub */
  address: string;
  username: string | null;
  /** sealed JSON {password}; never leaves server/ */
  secrets: string | null;
  created_at: string;
  updated_at: string;
}

export interface StacksTable {
  id: string;
  host_id: string;
  /** the compose project name */
  name: string;
  compose: string;
  /** sealed .env text (it may hold secrets); null when empty */
  env: string | null;
  deployed_version: number | null;
  created_at: string;
  updated_at: string;
}

export interface StackVersionsTable {
  id: string;
  stack_id: string;
  version: number;
  compose: string;
  /** sealed .env text as deployed */
  env: string | null;
  /** sha256 of the stack folder archive deployed with it (null: the stack had no folder then) */
  folder_sha256: string | null;
  created_by: string;
  created_at: string;
}

export interface StackOperationsTable {
  id: string;
  host_id: string;
  stack_name: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  /** the Berth process running it: a running operation of another (dead) process was interrupted */
  runner: string;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  error: string | null;
  /** JSON { services: ServiceProgress[], log: [...] } */
  progress: string;
}

/** The external health checker's state of one container (server/health/store.ts), kept across restarts. */
export interface HealthStatesTable {
  host_id: string;
  container_id: string;
  stack: string;
  service: string;
  /** the compose container number of the replica */
  number: number;
  name: string;
  state: 'initializing' | 'healthy' | 'unhealthy';
  /** start of the initializing window, ISO */
  started_at: string;
  since: string;
  successes: number;
  failures: number;
  last_error: string | null;
  /** recreations of this replica since it was last healthy, and when the next one may run (ISO) */
  recreate_attempts: number;
  recreate_not_before: string | null;
  updated_at: string;
}

/** The catalog template a stack was launched from (server/catalog/repo.ts); password answers are in the stack's .env. */
export interface StackTemplatesTable {
  stack_id: string;
  template_id: string;
  version: string;
  /** JSON object of the answers, password answers left out */
  answers: string;
  /** JSON array of the password questions' variables */
  secret_variables: string;
  /** JSON array of the catalog deploys of the stack, by the digest of the file deployed (catalog/upgrade-history.ts) */
  history: string | null;
  created_at: string;
  updated_at: string;
}

/** A catalog source an admin added (server/catalog/sources); what it holds is cached under the data folder. */
export interface CatalogSourcesTable {
  id: string;
  name: string;
  /** git | url | file */
  kind: string;
  url: string | null;
  /** git: the folder above templates/ in the repository ("" or null: its top) */
  path: string | null;
  /** url/file: the imported format named by the admin (null: recognised from the text) */
  format: string | null;
  file_name: string | null;
  /** git: the commit last read */
  revision: string | null;
  template_count: number;
  /** JSON array of CatalogProblem */
  problems: string;
  /** JSON array of field names left out by an import */
  unsupported: string;
  last_refresh_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}
