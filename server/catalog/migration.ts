import type { Kysely, Migration } from 'kysely';

/**
 * Issue #12: what a stack launched from the catalog remembers: its template, version and answers. Password answers
 * are not in `answers`: they are in the stack's sealed .env, which the stored file references as ${variable}.
 */
export const stackTemplatesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('stack_templates')
      .ifNotExists()
      .addColumn('stack_id', 'text', (c) => c.primaryKey())
      .addColumn('template_id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('secret_variables', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('stack_templates').execute();
  },
};
