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
}
