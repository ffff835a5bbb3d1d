import type { Selectable } from 'kysely';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import type { Db } from '../../db';
import type { CatalogSourcesTable } from '../../db/schema';

/** Rows of catalog_sources (migration.ts) and the view the API shows. Nothing here is secret: URLs carry no credentials. */

export type SourceRecord = Selectable<CatalogSourcesTable>;

export function viewOf(r: SourceRecord): CatalogSourceView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as CatalogSourceView['kind'],
    url: r.url,
    path: r.path,
    format: r.format,
    fileName: r.file_name,
    revision: r.revision,
    lastRefreshAt: r.last_refresh_at,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    templateCount: Number(r.template_count),
    problems: JSON.parse(r.problems),
    unsupported: JSON.parse(r.unsupported),
    createdAt: r.created_at,
  };
}

export const listSourceRecords = (db: Db) => db.selectFrom('catalog_sources').selectAll().orderBy('id').execute();

export const findSourceRecord = (db: Db, id: string) => db.selectFrom('catalog_sources').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSourceRecord(db: Db, row: SourceRecord): Promise<void> {
  await db.insertInto('catalog_sources').values(row).execute();
}

export async function updateSourceRecord(db: Db, id: string, patch: Partial<Omit<SourceRecord, 'id' | 'created_at'>>): Promise<void> {
  await db
    .updateTable('catalog_sources')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function deleteSourceRecord(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('catalog_sources').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
