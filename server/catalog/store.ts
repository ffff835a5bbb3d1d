import path from 'node:path';
import type { CatalogProblem, CatalogTemplate } from '@/lib/catalog-types';
import { type LoadedCatalog, loadCatalogDir } from './loader';

/** Berth's own catalog: catalog/templates of the install (the process runs from the project folder). */
export const builtinCatalogDir = () => path.join(/* turbopackIgnore: true */ process.cwd(), 'catalog', 'templates');

/**
 * The built-in catalog, read once per process and kept in the Berth root (`berth.catalog`): the files ship with the
 * install and do not change while it runs. `dirs` are read in order as one catalog; a test adds a folder of its own
 * templates and calls reload(). A template id found twice is reported and the first one kept.
 */
export class CatalogStore {
  private loading: Promise<LoadedCatalog> | null = null;

  constructor(readonly dirs: string[] = [builtinCatalogDir()]) {}

  load(): Promise<LoadedCatalog> {
    if (!this.loading) {
      this.loading = this.read();
      // a failure (a folder that could not be listed) is not kept: the next request tries again
      this.loading.catch(() => (this.loading = null));
    }
    return this.loading;
  }

  reload(): Promise<LoadedCatalog> {
    this.loading = null;
    return this.load();
  }

  private async read(): Promise<LoadedCatalog> {
    const templates: CatalogTemplate[] = [];
    const problems: CatalogProblem[] = [];
    const seen = new Set<string>();
    for (const dir of this.dirs) {
      const r = await loadCatalogDir(dir);
      problems.push(...r.problems);
      for (const t of r.templates) {
        if (seen.has(t.id)) problems.push({ template: t.id, file: t.id, message: `template ${t.id} is in more than one catalog folder; the first one (${this.dirs[0]}) is used` });
        else templates.push(t);
        seen.add(t.id);
      }
    }
    templates.sort((a, b) => a.name.localeCompare(b.name));
    return { templates, problems };
  }
}
