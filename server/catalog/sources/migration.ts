import type { Kysely, Migration } from 'kysely';

/**
 * Issue #12: catalog sources an admin added (a git repository in Berth's format, or a file in an imported format by
 * URL or upload). What a source holds is cached on disk under the data folder (server/catalog/sources/service.ts);
 * the row keeps what the admin gave and how its last refresh went. JSON columns are text for SQLite and PostgreSQL.
 */
export const catalogSourcesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('catalog_sources')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('path', 'text')
      .addColumn('format', 'text')
      .addColumn('file_name', 'text')
      .addColumn('revision', 'text')
      .addColumn('template_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('problems', 'text', (c) => c.notNull())
      .addColumn('unsupported', 'text', (c) => c.notNull())
      .addColumn('last_refresh_at', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('catalog_sources').execute();
  },
};
