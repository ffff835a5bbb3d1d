import type { CatalogTemplate } from './catalog-types';

type Searchable = Pick<CatalogTemplate, 'id' | 'name' | 'description' | 'categories'>;

const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Templates matching every word of `q` (in the id, name, description or categories), and `category` when given. The
 * API filters with it, and the Catalog page filters the list it holds as the user types (no request per keystroke).
 */
export function searchTemplates<T extends Searchable>(templates: T[], query: { q?: string; category?: string }): T[] {
  const want = words(query.q ?? '');
  const cat = query.category?.toLowerCase();
  return templates.filter((t) => {
    if (cat && !t.categories.some((c) => c.toLowerCase() === cat)) return false;
    const text = `${t.id} ${t.name} ${t.description} ${t.categories.join(' ')}`.toLowerCase();
    return want.every((w) => text.includes(w));
  });
}
