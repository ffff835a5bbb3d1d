import type { Kysely, Migration } from 'kysely';

/**
 * External health state per checked container (issue #5 point 6), so a Berth restart does not send every container
 * back to `initializing` (nor give an unhealthy one a fresh initializing window, nor reset its recreate backoff).
 * ifNotExists: test stores on PostgreSQL are reset by dropping known tables; a leftover must not break them.
 */
export const healthMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('health_states')
      .ifNotExists()
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('container_id', 'text', (c) => c.notNull())
      .addColumn('stack', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('successes', 'integer', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('recreate_attempts', 'integer', (c) => c.notNull())
      .addColumn('recreate_not_before', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('health_states_pk', ['host_id', 'container_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('health_states').execute();
  },
};
