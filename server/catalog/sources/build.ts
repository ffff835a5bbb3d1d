import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogProblem, CatalogTemplate, TemplateVersion } from '@/lib/catalog-types';
import { invalid } from '../../errors';
import { completeFetched, importCatalogFile, type ImportedTemplate, type ImportFormat, type NeedsFetch } from '../import';
import { checkVersion, type LoadedCatalog, loadCatalogDir } from '../loader';

/**
 * What one catalog source holds once read: its good templates, the problems of the others (by file and field), and
 * the fields of an imported format Berth left out. The same shape is cached on disk as the source's last good copy.
 */
export interface SourceContent extends LoadedCatalog {
  unsupported: string[];
}

/** A git source: the templates/ folder at `subPath` of the clone, read as Berth's own catalog is. */
export async function buildFromClone(sourceId: string, clone: string, subPath: string): Promise<SourceContent> {
  const root = path.join(clone, subPath, 'templates');
  const st = await fs.stat(root).catch(() => null);
  if (!st?.isDirectory()) {
    const where = subPath ? `${subPath}/templates` : 'templates';
    throw invalid(
      `The repository has no folder ${where}; a Berth catalog repository holds templates/<id>/template.yml and versions/<v>/compose.yml (see catalog/README.md), or give the folder above templates/ as the source's path`,
    );
  }
  const loaded = await loadCatalogDir(root, sourceId);
  // the problems' files are named from the repository's top, as the admin sees it there
  const prefix = subPath ? `${subPath}/templates/` : 'templates/';
  return {
    templates: loaded.templates,
    problems: loaded.problems.map((p) => ({ ...p, template: `${sourceId}/${p.template}`, file: prefix + p.file })),
    unsupported: [],
  };
}

/** Reads a repository's file for a Portainer stack template: the folder of its clone, or a problem to report. */
export type FetchRepository = (repository: string) => Promise<string>;

/** The file at `rel` inside `dir`, refusing a path that leaves it. */
async function readInside(dir: string, rel: string): Promise<string> {
  const file = path.resolve(dir, rel.replace(/^\/+/, ''));
  if (!file.startsWith(path.resolve(dir) + path.sep)) throw new Error(`${rel} is outside the repository`);
  const st = await fs.stat(file).catch(() => null);
  if (!st?.isFile()) throw new Error(`the repository has no file ${rel}`);
  if (st.size > 1024 * 1024) throw new Error(`${rel} is larger than 1 MiB`);
  return fs.readFile(file, 'utf8');
}

const plain = (t: ImportedTemplate): CatalogTemplate => ({ ...t, versions: t.versions.map(({ source: _source, ...v }): TemplateVersion => v) });

/**
 * A file in an imported format (Portainer, CapRover, Coolify): imported (a file in no known format, or a malformed
 * one, is refused with the importer's message), then each Portainer stack template's compose file is fetched from its
 * repository. A repository that cannot be fetched leaves its templates out, with a problem naming it.
 */
export async function buildFromFile(
  sourceId: string,
  input: { name: string; text: string; format?: ImportFormat },
  fetchRepository: FetchRepository,
): Promise<SourceContent> {
  const result = importCatalogFile(input, { catalog: sourceId });
  const problems: CatalogProblem[] = [];
  const byRepo = new Map<string, NeedsFetch[]>();
  for (const n of result.needsFetch) byRepo.set(n.source.repository, [...(byRepo.get(n.source.repository) ?? []), n]);
  const completed = new Map<string, string>();
  const key = (templateId: string, version: string) => `${templateId}@${version}`;
  for (const [repo, needs] of byRepo) {
    let dir: string;
    try {
      dir = await fetchRepository(repo);
    } catch (e) {
      for (const n of needs)
        problems.push({
          template: n.templateId,
          file: `${repo} ${n.source.path}`,
          message: `left out: repository ${repo} could not be fetched: ${(e as Error).message}`,
        });
      continue;
    }
    for (const n of needs) {
      const file = `${repo} ${n.source.path}`;
      try {
        const compose = completeFetched(n.source, await readInside(dir, n.source.path));
        const template = result.templates.find((t) => t.id === n.templateId);
        const questions = template?.versions.find((v) => v.version === n.version)?.questions ?? [];
        const bad = checkVersion(compose, questions);
        if (bad.length) for (const p of bad) problems.push({ template: n.templateId, file, ...(p.field ? { field: p.field } : {}), message: p.message });
        else completed.set(key(n.templateId, n.version), compose);
      } catch (e) {
        problems.push({ template: n.templateId, file, message: `left out: ${(e as Error).message}` });
      }
    }
  }
  const templates: CatalogTemplate[] = [];
  for (const t of result.templates) {
    const versions = t.versions.flatMap((v) =>
      !v.source ? [v] : completed.has(key(t.id, v.version)) ? [{ ...v, compose: completed.get(key(t.id, v.version))! }] : [],
    );
    if (versions.length) templates.push(plain({ ...t, versions }));
  }
  return { templates, problems, unsupported: result.unsupported };
}
