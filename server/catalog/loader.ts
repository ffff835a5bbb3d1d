import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { CatalogProblem, CatalogTemplate, Question, TemplateVersion } from '@/lib/catalog-types';
import { compareVersions } from '@/lib/catalog-version';
import { QuestionsFileSchema, TemplateFileSchema, templateVersion, toQuestion } from '@/lib/schemas/catalog';
import { NO_FOLDER } from '../compose/env-files';
import { loadCompose } from '../compose/load';
import { placeholdersOf, type PlaceholderValue, renderCompose, valueKey } from './render';

/**
 * Reads a catalog folder in Berth's format (catalog/README.md: templates/<id>/template.yml, versions/<v>/compose.yml
 * and questions.yml) into CatalogTemplates. Every file is checked: the two YAML files with zod, every {{placeholder}}
 * against the questions, and the compose file itself (rendered with sample answers, then read by the same loader as
 * any stack). A broken version is left out and reported by file and field; the template's good versions still load,
 * and a broken template never hides the others.
 */

export interface LoadedCatalog {
  templates: CatalogTemplate[];
  problems: CatalogProblem[];
}

const LOGO_MAX = 64 * 1024;
const FILE_MAX = 1024 * 1024;
const ID = /^[a-z0-9][a-z0-9-]*$/;

const fieldOf = (p: PropertyKey[]) => p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');

async function readText(file: string): Promise<string | null> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return null;
    if (st.size > FILE_MAX) throw new Error(`${path.basename(file)} is larger than 1 MiB`);
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

async function dirs(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** A YAML file checked with a zod schema: the value, or problems naming the file and each field at fault. */
function checked<T>(text: string, schema: z.ZodType<T>, report: (message: string, field?: string) => void): T | null {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100, prettyErrors: false }) ?? {};
  } catch (e) {
    report(`not valid YAML: ${(e as Error).message}`);
    return null;
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  for (const i of r.error.issues) report(i.message, fieldOf(i.path) || undefined);
  return null;
}

/** Sample answers: each default, or a value of the question's type, to check that the file reads as compose. */
function sampleValues(questions: Question[]): Record<string, PlaceholderValue> {
  const out: Record<string, PlaceholderValue> = {};
  for (const q of questions) {
    const d = q.default;
    if (q.type === 'service') {
      out[q.variable] = 'service';
      out[valueKey(q.variable, true)] = 'stack_default';
    } else if (q.type === 'int' || q.type === 'float') out[q.variable] = d !== undefined ? Number(d) : (q.min ?? 1);
    else if (q.type === 'boolean') out[q.variable] = d !== undefined ? d === true || d === 'true' : false;
    else if (q.type === 'enum') out[q.variable] = String(d ?? q.options?.[0] ?? '');
    else out[q.variable] = String(d ?? 'sample');
  }
  return out;
}

/** The problems of one version's compose file against its questions (empty: the version is good). */
export function checkVersion(compose: string, questions: Question[]): { message: string; field?: string }[] {
  const out: { message: string; field?: string }[] = [];
  let uses;
  try {
    uses = placeholdersOf(compose);
  } catch (e) {
    return [{ message: (e as Error).message }];
  }
  const byName = new Map(questions.map((q) => [q.variable, q]));
  for (const u of uses) {
    const q = byName.get(u.name);
    const ph = `{{${valueKey(u.name, u.network)}}}`;
    if (u.inKey) out.push({ field: u.path, message: `${ph} is in a key; placeholders are substituted in values only` });
    else if (!q) out.push({ field: u.path, message: `${ph} names no question (the questions are: ${[...byName.keys()].join(', ') || 'none'})` });
    else if (u.network && q.type !== 'service') out.push({ field: u.path, message: `${ph}: only a service question has a network` });
  }
  if (out.length) return out;
  const r = loadCompose({
    compose: renderCompose(compose, sampleValues(questions)),
    env: '',
    project: 'catalog-check',
    folder: { ...NO_FOLDER, missingOk: true },
  });
  if (!r.ok) for (const i of r.issues.slice(0, 10)) out.push({ field: i.path || undefined, message: i.line ? `line ${i.line}: ${i.message}` : i.message });
  return out;
}

async function loadVersion(
  root: string,
  id: string,
  version: string,
  report: (file: string, message: string, field?: string) => void,
): Promise<TemplateVersion | null> {
  const dir = path.join(root, id, 'versions', version);
  const rel = (f: string) => `${id}/versions/${version}/${f}`;
  if (!templateVersion.safeParse(version).success) {
    report(`${id}/versions/${version}`, 'a version folder is named like 6.6-1 (dotted numbers, optional "-<revision>")');
    return null;
  }
  const compose = await readText(path.join(dir, 'compose.yml'));
  if (compose === null) {
    report(rel('compose.yml'), 'missing: every version has a compose.yml');
    return null;
  }
  const qText = (await readText(path.join(dir, 'questions.yml'))) ?? 'questions: []';
  let bad = false;
  const qFile = checked(qText, QuestionsFileSchema, (m, f) => ((bad = true), report(rel('questions.yml'), m, f)));
  if (!qFile || bad) return null;
  const questions = qFile.questions.map(toQuestion);
  const problems = checkVersion(compose, questions);
  for (const p of problems) report(rel('compose.yml'), p.message, p.field);
  if (problems.length) return null;
  const readme = await readText(path.join(dir, 'README.md'));
  return { version, compose, questions, ...(qFile.upgrade_from ? { upgradeFrom: qFile.upgrade_from } : {}), ...(readme ? { readme } : {}) };
}

async function logoOf(dir: string, named?: string): Promise<string | undefined> {
  for (const name of named ? [named] : ['logo.svg', 'logo.png']) {
    try {
      const data = await fs.readFile(path.join(dir, name));
      if (data.length > LOGO_MAX) continue;
      return `data:${name.endsWith('.svg') ? 'image/svg+xml' : 'image/png'};base64,${data.toString('base64')}`;
    } catch {
      // no such file: try the next name
    }
  }
  return undefined;
}

async function loadTemplate(
  root: string,
  id: string,
  catalog: string,
  report: (file: string, message: string, field?: string) => void,
): Promise<CatalogTemplate | null> {
  if (!ID.test(id)) {
    report(id, 'a template folder is named with lowercase letters, digits and "-"');
    return null;
  }
  const dir = path.join(root, id);
  const text = await readText(path.join(dir, 'template.yml'));
  if (text === null) {
    report(`${id}/template.yml`, 'missing: every template has a template.yml');
    return null;
  }
  const meta = checked(text, TemplateFileSchema, (m, f) => report(`${id}/template.yml`, m, f));
  if (!meta) return null;
  const versions = (await Promise.all((await dirs(path.join(dir, 'versions'))).map((v) => loadVersion(root, id, v, report)))).filter(
    (v): v is TemplateVersion => !!v,
  );
  if (!versions.length) {
    report(`${id}/versions`, 'no version of this template loads (each is a folder under versions/ with a compose.yml)');
    return null;
  }
  versions.sort((a, b) => compareVersions(b.version, a.version));
  let defaultVersion = versions[0].version;
  if (meta.default_version) {
    if (versions.some((v) => v.version === meta.default_version)) defaultVersion = meta.default_version;
    else
      report(
        `${id}/template.yml`,
        `default_version ${meta.default_version} is not one of the versions that load (${versions.map((v) => v.version).join(', ')}); the newest is used`,
        'default_version',
      );
  }
  const logo = await logoOf(dir, meta.logo);
  if (meta.logo && !logo) report(`${id}/template.yml`, `logo ${meta.logo} is missing or larger than 64 KiB`, 'logo');
  const readme = await readText(path.join(dir, 'README.md'));
  return {
    id: catalog === 'berth' ? id : `${catalog}/${id}`,
    name: meta.name,
    description: meta.description,
    categories: meta.categories,
    ...(meta.maintainer ? { maintainer: meta.maintainer } : {}),
    ...(meta.license ? { license: meta.license } : {}),
    ...(meta.project_url ? { projectUrl: meta.project_url } : {}),
    administratorOnly: meta.administrator_only,
    defaultVersion,
    ...(logo ? { logo } : {}),
    ...(readme ? { readme } : {}),
    origin: { catalog, format: 'berth' },
    versions,
  };
}

/** Loads every template folder of `root` (a catalog's templates/ folder). `catalog` is 'berth' for the built-in one. */
export async function loadCatalogDir(root: string, catalog = 'berth'): Promise<LoadedCatalog> {
  const problems: CatalogProblem[] = [];
  const ids = await dirs(root);
  const loaded = await Promise.all(
    ids.map(async (id) => {
      const report = (file: string, message: string, field?: string) => problems.push({ template: id, file, ...(field ? { field } : {}), message });
      try {
        return await loadTemplate(root, id, catalog, report);
      } catch (e) {
        report(id, `could not be read: ${(e as Error).message}`);
        return null;
      }
    }),
  );
  return { templates: loaded.filter((t): t is CatalogTemplate => !!t), problems };
}
