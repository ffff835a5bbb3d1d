import type { CatalogTemplate } from './catalog-types';

type Searchable = Pick<CatalogTemplate, 'id' | 'name' | 'description' | 'categories'>;

const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * A search over a fixed list of templates: each template's text (id, name, description, categories) is lowercased
 * once here, not again at every keystroke, so the Catalog page's search over 1,000 templates costs a substring test
 * per template and word.
 */
export function templateSearcher<T extends Searchable>(templates: T[]): (query: { q?: string; category?: string }) => T[] {
  const index = templates.map((t) => ({
    t,
    text: `${t.id} ${t.name} ${t.description} ${t.categories.join(' ')}`.toLowerCase(),
    categories: t.categories.map((c) => c.toLowerCase()),
  }));
  return (query) => {
    const want = words(query.q ?? '');
    const cat = query.category?.toLowerCase();
    if (!want.length && !cat) return templates;
    return index.filter((x) => (!cat || x.categories.includes(cat)) && want.every((w) => x.text.includes(w))).map((x) => x.t);
  };
}

/**
 * Templates matching every word of `q` (in the id, name, description or categories), and `category` when given. The
 * API filters with it, and the Catalog page filters the list it holds as the user types (no request per keystroke).
 */
export function searchTemplates<T extends Searchable>(templates: T[], query: { q?: string; category?: string }): T[] {
  return templateSearcher(templates)(query);
}
