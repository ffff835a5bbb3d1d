import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import { type CatalogSourceCreate, sourceIdOf } from '@/lib/schemas/catalog-sources';
import type { Berth } from '../../berth';
import { BerthError, conflict, notFound } from '../../errors';
import type { ImportFormat } from '../import';
import { buildFromClone, buildFromFile, type SourceContent } from './build';
import { fetchCatalogText } from './fetch-url';
import { repositoryDir, syncRepository } from './git';
import { deleteSourceRecord, findSourceRecord, insertSourceRecord, listSourceRecords, type SourceRecord, updateSourceRecord, viewOf } from './repo';
import { checkFileUrl, checkGitUrl, checkSubPath, type SourceSettings, sourceSettings } from './settings';

/**
 * Catalog sources: added, refreshed (on demand and on a schedule) and removed by admins. Each source's files live in
 * <data>/catalog-sources/<id>/: the git clone (repo/) or the catalog file (source.txt), the clones of repositories
 * Portainer's stack templates name (repos/), and templates.json, the last good reading, which is what Berth lists
 * after a restart. A refresh replaces templates.json only when it worked; a failure is kept on the source with its
 * cause and the last good templates stay. Adding reads the source first in a folder of its own: a source that
 * cannot be read is refused and leaves nothing behind.
 */

const rootOf = (b: Berth) => path.join(b.config.dataDir, 'catalog-sources');
const SOURCE_TEXT = 'source.txt';
const CONTENT = 'templates.json';

// one read of a source at a time (a scheduled refresh and a Refresh click would share a clone)
const running = new Map<string, Promise<unknown>>();
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = running.get(key) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(fn);
  running.set(key, next);
  void next.finally(() => running.get(key) === next && running.delete(key)).catch(() => undefined);
  return next;
}

/** Reads a source into `dir` (its clone or file there), with the clones its Portainer stack templates need. */
async function readSource(dir: string, row: SourceRecord, s: SourceSettings): Promise<SourceContent & { revision: string | null; text?: string }> {
  if (row.kind === 'git') {
    const clone = path.join(dir, 'repo');
    const revision = await syncRepository(row.url!, clone, s);
    return { ...(await buildFromClone(row.id, clone, row.path ?? '')), revision };
  }
  const text = row.kind === 'url' ? await fetchCatalogText(checkFileUrl(row.url!, s.allowInsecure), s) : await fs.readFile(path.join(dir, SOURCE_TEXT), 'utf8');
  const name = row.file_name ?? (row.url ? decodeURIComponent(new URL(row.url).pathname.split('/').pop() || 'catalog') : 'catalog');
  const fetchRepository = async (repository: string) => {
    const url = checkGitUrl(repository, s.allowInsecure);
    const clone = repositoryDir(path.join(dir, 'repos'), url);
    await syncRepository(url, clone, s);
    return clone;
  };
  const content = await buildFromFile(row.id, { name, text, format: (row.format as ImportFormat | null) ?? undefined }, fetchRepository);
  return { ...content, revision: null, text };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${crypto.randomBytes(4).toString('hex')}`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

/** What a successful reading changes on the row. */
const readingOf = (c: SourceContent & { revision: string | null }, at: string) => ({
  revision: c.revision,
  template_count: c.templates.length,
  problems: JSON.stringify(c.problems),
  unsupported: JSON.stringify(c.unsupported),
  last_refresh_at: at,
  last_attempt_at: at,
  last_error: null,
});

async function keep(dir: string, c: SourceContent & { text?: string }, kind: string): Promise<void> {
  if (kind === 'url' && c.text !== undefined) await writeAtomic(path.join(dir, SOURCE_TEXT), c.text);
  await writeAtomic(path.join(dir, CONTENT), JSON.stringify({ templates: c.templates, problems: c.problems, unsupported: c.unsupported }));
}

export async function listSources(b: Berth): Promise<CatalogSourceView[]> {
  return (await listSourceRecords(b.db)).map(viewOf);
}

export async function addSource(b: Berth, input: CatalogSourceCreate): Promise<CatalogSourceView> {
  const s = sourceSettings();
  const id = sourceIdOf(input.name);
  const url = input.kind === 'git' ? checkGitUrl(input.url, s.allowInsecure) : input.kind === 'url' ? checkFileUrl(input.url, s.allowInsecure).href : null;
  const subPath = input.kind === 'git' ? checkSubPath(input.path) : null;
  return serial(`${b.config.dataDir}:${id}`, async () => {
    const taken = await findSourceRecord(b.db, id);
    if (taken) throw conflict(`A catalog source with id ${id} exists already (${taken.name}); choose another name, or refresh that one`);
    const now = new Date().toISOString();
    const row: SourceRecord = {
      id,
      name: input.name,
      kind: input.kind,
      url,
      path: subPath,
      format: input.kind === 'git' ? null : (input.format ?? null),
      file_name: input.kind === 'file' ? input.fileName || 'catalog' : null,
      revision: null,
      template_count: 0,
      problems: '[]',
      unsupported: '[]',
      last_refresh_at: null,
      last_attempt_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    };
    const root = rootOf(b);
    const tmp = path.join(root, `.new-${id}-${crypto.randomBytes(4).toString('hex')}`);
    const dir = path.join(root, id);
    await fs.mkdir(tmp, { recursive: true });
    let content;
    try {
      if (input.kind === 'file') await fs.writeFile(path.join(tmp, SOURCE_TEXT), input.text);
      content = await readSource(tmp, row, s);
      await keep(tmp, content, row.kind);
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rename(tmp, dir);
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw e;
    }
    Object.assign(row, readingOf(content, now));
    try {
      await insertSourceRecord(b.db, row);
    } catch (e) {
      await fs.rm(dir, { recursive: true, force: true });
      throw e;
    }
    b.catalog.setSource(id, content);
    return viewOf(row);
  });
}

/**
 * Reads a source again. On failure the row records the cause, the last good templates stay listed, and the error is
 * thrown (with what was kept) for the admin who asked.
 */
export async function refreshSource(b: Berth, id: string): Promise<CatalogSourceView> {
  return serial(`${b.config.dataDir}:${id}`, async () => {
    const row = await findSourceRecord(b.db, id);
    if (!row) throw notFound(`There is no catalog source ${id}; GET /api/v1/catalog/sources lists them`);
    const dir = path.join(rootOf(b), id);
    const at = new Date().toISOString();
    try {
      await fs.mkdir(dir, { recursive: true });
      const content = await readSource(dir, row, sourceSettings());
      await keep(dir, content, row.kind);
      // removed while it was read: nothing to list
      if (!(await findSourceRecord(b.db, id))) return viewOf(row);
      await updateSourceRecord(b.db, id, readingOf(content, at));
      b.catalog.setSource(id, content);
    } catch (e) {
      const message = (e as Error).message;
      await updateSourceRecord(b.db, id, { last_attempt_at: at, last_error: message });
      const kept = row.last_refresh_at ? `the last good copy (${row.template_count} templates, read ${row.last_refresh_at}) is kept` : 'nothing was read yet';
      throw new BerthError((e as BerthError).kind ?? 'unreachable', `Refreshing catalog source ${id} failed: ${message} (${kept})`);
    }
    return viewOf((await findSourceRecord(b.db, id))!);
  });
}

export async function removeSource(b: Berth, id: string): Promise<void> {
  await serial(`${b.config.dataDir}:${id}`, async () => {
    if (!(await deleteSourceRecord(b.db, id))) throw notFound(`There is no catalog source ${id}; GET /api/v1/catalog/sources lists them`);
    b.catalog.setSource(id, null);
    await fs.rm(path.join(rootOf(b), id), { recursive: true, force: true });
  });
}

/** Refreshes every source, one after another; failures are recorded on each source, not thrown. */
export async function refreshAllSources(b: Berth): Promise<void> {
  for (const row of await listSourceRecords(b.db)) {
    await refreshSource(b, row.id).catch((e) => console.warn(`berth: ${(e as Error).message}`));
  }
}

/** Lists each source's last good reading (templates.json) in the catalog; a source without one is read again. */
async function loadCached(b: Berth): Promise<void> {
  for (const row of await listSourceRecords(b.db)) {
    try {
      const c = JSON.parse(await fs.readFile(path.join(rootOf(b), row.id, CONTENT), 'utf8')) as SourceContent;
      b.catalog.setSource(row.id, { templates: c.templates, problems: c.problems });
    } catch {
      void refreshSource(b, row.id).catch((e) => console.warn(`berth: ${(e as Error).message}`));
    }
  }
}

/**
 * Starts the sources at Berth's start: their cached templates are listed (the catalog waits for them), and every
 * BERTH_CATALOG_REFRESH_MINUTES (0: never) all are refreshed; `refreshMs` overrides that period (tests). Returns the
 * stop function.
 */
export function startCatalogSources(b: Berth, opts: { refreshMs?: number } = {}): () => Promise<void> {
  const s = sourceSettings();
  const ready = loadCached(b);
  b.catalog.waitFor(ready);
  const every = opts.refreshMs ?? s.refreshMinutes * 60_000;
  let busy: Promise<void> | null = null;
  const timer =
    every > 0
      ? setInterval(() => {
          if (!busy) busy = refreshAllSources(b).finally(() => (busy = null));
        }, every)
      : null;
  timer?.unref();
  return async () => {
    if (timer) clearInterval(timer);
    await ready.catch(() => undefined);
    await busy;
  };
}
