import { describe, expect, it } from 'vitest';
import { searchTemplates, templateSearcher } from './catalog-search';

const t = (id: string, name: string, description: string, categories: string[]) => ({ id, name, description, categories });
const list = [
  t('wordpress', 'WordPress', 'Blog and CMS', ['Blogging', 'CMS']),
  t('redis', 'Redis', 'In-memory key-value store', ['Database', 'Cache']),
  t('postgres-backup', 'Postgres Backup', 'Scheduled dumps of PostgreSQL', ['Database', 'Backup']),
];

describe('templateSearcher', () => {
  it('matches every word anywhere in id, name, description or categories, ignoring case', () => {
    const search = templateSearcher(list);
    expect(search({ q: 'POSTGRES dumps' }).map((x) => x.id)).toEqual(['postgres-backup']);
    expect(search({ q: 'cache' }).map((x) => x.id)).toEqual(['redis']);
    expect(search({ q: 'redis blog' })).toEqual([]);
  });

  it('filters by category (whole name, any case) and keeps the order', () => {
    const search = templateSearcher(list);
    expect(search({ category: 'database' }).map((x) => x.id)).toEqual(['redis', 'postgres-backup']);
    expect(search({ category: 'Data' })).toEqual([]);
    expect(search({ q: 'backup', category: 'Database' }).map((x) => x.id)).toEqual(['postgres-backup']);
  });

  it('gives the list itself back for an empty query (blank words ignored)', () => {
    expect(templateSearcher(list)({ q: '   ' })).toBe(list);
    expect(searchTemplates(list, {})).toBe(list);
  });
});
