import type { Kysely, Migration } from 'kysely';

/**
 * Issue #17, alerts: the rules an admin defines, the alerts they raise (firing and resolved: the history) and
 * maintenance windows. JSON columns are text and times ISO text, for SQLite and PostgreSQL alike. `dedup_key` is set
 * while an alert fires and cleared when it resolves: a unique index over it keeps one firing alert per rule and
 * subject (both stores let many rows hold NULL under a unique index), while the history keeps every resolved one.
 */
export const alertsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('alert_rules')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text')
      .addColumn('stack', 'text')
      .addColumn('label', 'text')
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('cooldown_seconds', 'integer', (c) => c.notNull())
      .addColumn('channel_ids', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('alerts')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('rule_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text')
      .addColumn('host_name', 'text')
      .addColumn('stack', 'text')
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('subject_name', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('first_at', 'text', (c) => c.notNull())
      .addColumn('last_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('silenced', 'integer', (c) => c.notNull())
      .addColumn('dedup_key', 'text')
      .execute();
    await db.schema.createIndex('alerts_dedup_firing').ifNotExists().on('alerts').column('dedup_key').unique().execute();
    await db.schema.createIndex('alerts_last_at').ifNotExists().on('alerts').column('last_at').execute();
    await db.schema
      .createTable('maintenance_windows')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host_id', 'text')
      .addColumn('stack', 'text')
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('maintenance_windows').execute();
    await db.schema.dropTable('alerts').execute();
    await db.schema.dropTable('alert_rules').execute();
  },
};
