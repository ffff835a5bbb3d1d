import type { Kysely, Migration } from 'kysely';

/**
 * Stacks (issue #5): the stored compose file and sealed .env, every deployed version, and operations (deploys and
 * other actions) with their progress, so a restart can tell an interrupted deploy from a finished one.
 * ifNotExists: test stores on PostgreSQL are reset by dropping known tables; a leftover must not break them.
 */
export const stacksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('stacks')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('compose', 'text', (c) => c.notNull())
      .addColumn('env', 'text')
      .addColumn('deployed_version', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('stacks_host_name', ['host_id', 'name'])
      .execute();
    await db.schema
      .createTable('stack_versions')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stack_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('compose', 'text', (c) => c.notNull())
      .addColumn('env', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('stack_versions_stack_version', ['stack_id', 'version'])
      .execute();
    await db.schema
      .createTable('stack_operations')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('stack_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('runner', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('error', 'text')
      .addColumn('progress', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stack_operations_stack').ifNotExists().on('stack_operations').columns(['host_id', 'stack_name', 'started_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('stack_operations').execute();
    await db.schema.dropTable('stack_versions').execute();
    await db.schema.dropTable('stacks').execute();
  },
};

/**
 * Each deployed version remembers the stack folder it was deployed with (the archive's sha256; the archive itself
 * is kept content-addressed beside the current one, folder-versions.ts), so a rollback builds and reads env files
 * from the folder of that version, not from whatever was uploaded since.
 */
export const stackVersionFolderMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('stack_versions').addColumn('folder_sha256', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('stack_versions').dropColumn('folder_sha256').execute();
  },
};
