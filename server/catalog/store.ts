import path from 'node:path';
import type { CatalogProblem, CatalogTemplate } from '@/lib/catalog-types';
import { type LoadedCatalog, loadCatalogDir } from './loader';

/** Berth's own catalog: catalog/templates of the install (the process runs from the project folder). */
export const builtinCatalogDir = () => path.join(/* turbopackIgnore: true */ process.cwd(), 'catalog', 'templates');

/**
 * The catalog kept in the Berth root (`berth.catalog`): the built-in folders, read once per process (the files ship
 * with the install and do not change while it runs), then the templates of the catalog sources an admin added
 * (server/catalog/sources hands them in with setSource as each is read or refreshed). `dirs` are read in order as one
 * catalog; a test adds a folder of its own templates and calls reload(). A template id found twice is reported and
 * the first one kept.
 */
export class CatalogStore {
  private loading: Promise<LoadedCatalog> | null = null;
  private merged: Promise<LoadedCatalog> | null = null;
  private readonly sources = new Map<string, LoadedCatalog>();
  private sourcesReady: Promise<unknown> = Promise.resolve();

  constructor(readonly dirs: string[] = [builtinCatalogDir()]) {}

  load(): Promise<LoadedCatalog> {
    if (!this.merged) {
      const merged = Promise.all([this.builtin(), this.sourcesReady]).then(([b]) => this.merge(b));
      this.merged = merged;
      merged.catch(() => {
        if (this.merged === merged) this.merged = null;
      });
    }
    return this.merged;
  }

  reload(): Promise<LoadedCatalog> {
    this.loading = null;
    this.merged = null;
    return this.load();
  }

  /** A catalog source's templates (null: the source was removed); the next load() lists them. */
  setSource(id: string, loaded: LoadedCatalog | null): void {
    if (loaded) this.sources.set(id, loaded);
    else this.sources.delete(id);
    this.merged = null;
  }

  /** Loads wait for this first (the sources' cached templates being read at start), so none is listed half-read. */
  waitFor(ready: Promise<unknown>): void {
    this.sourcesReady = ready.catch(() => undefined);
    this.merged = null;
  }

  private builtin(): Promise<LoadedCatalog> {
    if (!this.loading) {
      this.loading = this.read();
      // a failure (a folder that could not be listed) is not kept: the next request tries again
      this.loading.catch(() => (this.loading = null));
    }
    return this.loading;
  }

  private merge(builtin: LoadedCatalog): LoadedCatalog {
    if (!this.sources.size) return builtin;
    const templates = [...builtin.templates];
    const problems = [...builtin.problems];
    const seen = new Set(templates.map((t) => t.id));
    for (const [id, s] of [...this.sources].sort(([a], [b]) => a.localeCompare(b))) {
      problems.push(...s.problems);
      for (const t of s.templates) {
        if (seen.has(t.id))
          problems.push({ template: t.id, file: t.id, message: `template ${t.id} of source ${id} has the id of another template; the first one is used` });
        else templates.push(t);
        seen.add(t.id);
      }
    }
    templates.sort((a, b) => a.name.localeCompare(b.name));
    return { templates, problems };
  }

  private async read(): Promise<LoadedCatalog> {
    const templates: CatalogTemplate[] = [];
    const problems: CatalogProblem[] = [];
    const seen = new Set<string>();
    for (const dir of this.dirs) {
      const r = await loadCatalogDir(dir);
      problems.push(...r.problems);
      for (const t of r.templates) {
        if (seen.has(t.id))
          problems.push({
            template: t.id,
            file: t.id,
            message: `template ${t.id} is in more than one catalog folder; the first one (${this.dirs[0]}) is used`,
          });
        else templates.push(t);
        seen.add(t.id);
      }
    }
    templates.sort((a, b) => a.name.localeCompare(b.name));
    return { templates, problems };
  }
}
