import type { Kysely, Migration } from 'kysely';

/** Private image registries and their sealed credentials (issue #4, point 5). */
export const registriesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('registries')
      // ifNotExists: test stores on PostgreSQL are reset by dropping known tables; a leftover must not break them.
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('address', 'text', (c) => c.notNull().unique())
      .addColumn('username', 'text')
      .addColumn('secrets', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('registries').execute();
  },
};
