import type { Kysely, Migration } from 'kysely';

/**
 * Issue #12, upgrades in place: each catalog deploy of a stack (launch or upgrade) is remembered by the digest of the
 * file it deployed, with its template version and answers (passwords left out), as a JSON array in
 * stack_templates.history. A rollback through the stack's history restores an older file, and its digest names the
 * template version that made it (upgrade-history.ts), so the catalog card shows that version again.
 */
export const stackTemplateHistoryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('stack_templates').addColumn('history', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('stack_templates').dropColumn('history').execute();
  },
};
