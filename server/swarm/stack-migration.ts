import type { Kysely, Migration } from 'kysely';

/**
 * Swarm stacks Berth deployed (issue #14 point 4): the compose file, and sealed the .env and the stack's files (they
 * may hold the data of its secrets), so the stack page shows and redeploys the file. A stack the CLI deployed has no
 * row: Berth lists it from the swarm's labels. ifNotExists: test stores on PostgreSQL may keep a leftover table.
 */
export const swarmStacksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('swarm_stacks')
      .ifNotExists()
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('compose', 'text', (c) => c.notNull())
      .addColumn('env', 'text')
      .addColumn('files', 'text')
      .addColumn('deployed_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('swarm_stacks_pk', ['host_id', 'name'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('swarm_stacks').execute();
  },
};
