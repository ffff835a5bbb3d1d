import type { Kysely, Migration } from 'kysely';

/** Where alerts are sent, and what came of each attempt (issue #17 point 2). */
export const alertChannelsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('alert_channels')
      // ifNotExists: test stores on PostgreSQL are reset by dropping known tables; a leftover must not break them.
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      // JSON of the settings that are not secret (ntfy server and topic, SMTP host, port, from, to …)
      .addColumn('settings', 'text', (c) => c.notNull())
      // sealed JSON (server/crypto/secrets.ts): webhook URLs, signing secret, ntfy token, SMTP password
      .addColumn('secrets', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('alert_deliveries')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('response', 'text')
      .addColumn('error', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alert_deliveries_channel_at').ifNotExists().on('alert_deliveries').columns(['channel_id', 'at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('alert_deliveries').execute();
    await db.schema.dropTable('alert_channels').execute();
  },
};

export interface AlertChannelsTable {
  id: string;
  name: string;
  kind: string;
  settings: string;
  secrets: string | null;
  /** 1 or 0 */
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface AlertDeliveriesTable {
  id: string;
  channel_id: string;
  alert_id: string;
  change: string;
  summary: string;
  attempt: number;
  status: string;
  response: string | null;
  error: string | null;
  at: string;
}
