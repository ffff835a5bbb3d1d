import { parseDocument, stringify, visit } from 'yaml';
import type { z } from 'zod';
import type { CatalogTemplate, Question, TemplateVersion } from '@/lib/catalog-types';
import { invalid } from '@/server/errors';

/**
 * What the importers of other tools' catalogs share. Each importer is a pure function from the text of a catalog file
 * to Berth templates: no network, no disk. What a format can say and Berth cannot do is named in `unsupported`
 * (per template, and all of them together), so the user sees what was left out instead of a silently different app.
 */

/**
 * A compose file that lives in a git repository (Portainer's stack templates). The importer does not fetch it: the
 * version's `compose` is empty and `source` says where the file is; whoever fetches it calls completeFetched
 * (portainer.ts) to turn the file's `${VAR}` references into this version's placeholders.
 */
export interface RepositorySource {
  repository: string;
  path: string;
  /** 'swarm': the file was written for `docker stack deploy` (Portainer type 2); 'compose': for compose (type 3) */
  kind: 'swarm' | 'compose';
  /** variables the file reads as ${NAME} → the question asking for it; a preset (fixed) value is in `fixed` */
  variables: Record<string, string>;
  /** variables with a value the template fixes (Portainer's `preset`): substituted as written, never asked */
  fixed: Record<string, string>;
}

export type ImportedVersion = TemplateVersion & { source?: RepositorySource };
export type ImportedTemplate = Omit<CatalogTemplate, 'versions' | 'unsupported'> & { versions: ImportedVersion[]; unsupported: string[] };

export interface NeedsFetch {
  templateId: string;
  version: string;
  source: RepositorySource;
}

export interface ImportResult {
  templates: ImportedTemplate[];
  /** every field left out, prefixed with where it was (e.g. "templates[3].privileged") */
  unsupported: string[];
  /** versions whose compose file must still be fetched from a repository */
  needsFetch: NeedsFetch[];
}

export interface ImportOptions {
  /** the catalog source's id: template ids become "<catalog>/<template>" */
  catalog: string;
  /** resolves a relative logo path (Coolify's "svgs/x.svg") */
  logoBase?: string;
}

/** The one version an imported template has: the formats have no versions of their own. */
export const IMPORTED_VERSION = '1';

/** A compose file as text; values starting with "{{" are quoted by the YAML writer, so the file always parses. */
export function composeText(file: unknown): string {
  return stringify(file, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Lowercase letters, digits and "-", as Berth's template ids are. */
export function slug(text: string, fallback = 'app'): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || fallback;
}

/** Hands out unique names: the second "db" becomes "db_2" (or "db-2" with sep "-"). */
export class Names {
  private readonly used = new Set<string>();
  constructor(private readonly sep: '_' | '-' = '_') {}
  take(name: string): string {
    let n = name;
    for (let i = 2; this.used.has(n); i++) n = `${name}${this.sep}${i}`;
    this.used.add(n);
    return n;
  }
}

/** A placeholder name (letters, digits and "_", starting with a letter) from any variable name. */
export function variableName(name: string): string {
  const v = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[a-z]/.test(v) ? v : `v_${v || 'value'}`;
}

/** "MYSQL_ROOT_PASSWORD" → "Mysql root password", a label where the format gives none. */
export function labelOf(name: string): string {
  const words = name
    .replace(/^\$\$cap_/, '')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

export const looksSecret = (name: string) => /pass(word)?|secret|token|api_?key|private_?key/i.test(name);

export function question(q: Omit<Question, 'label' | 'required'> & Partial<Pick<Question, 'label' | 'required'>>): Question {
  const out: Question = { ...q, label: q.label ?? labelOf(q.variable), required: q.required ?? false };
  for (const k of Object.keys(out) as (keyof Question)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Plain text from a format's HTML notes (Portainer's `note`): tags dropped, entities a user would see decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The first problem zod found, with where it was: "templates[3].env[0].name: expected a string". */
export function zodProblem(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), prefix);
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

export function importError(format: string, message: string) {
  return invalid(`This is not a valid ${format} file: ${message}`);
}

/** Keys of an object that are not in `known`, as "prefix.key" names. */
export function unknownKeys(obj: object, known: readonly string[], prefix: string): string[] {
  return Object.keys(obj)
    .filter((k) => !known.includes(k))
    .map((k) => `${prefix}.${k}`);
}

export function resultOf(templates: ImportedTemplate[], needsFetch: NeedsFetch[] = []): ImportResult {
  return { templates, unsupported: templates.flatMap((t) => t.unsupported), needsFetch };
}

/**
 * Rewrites every string value of a YAML text (map values and list items, not keys) and writes the text back with its
 * comments. The writer quotes a value that now starts with "{{", so the result parses as the same tree.
 */
export function mapStrings(text: string, fn: (value: string) => string, what = 'The compose file'): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw invalid(`${what} is not valid YAML: ${doc.errors[0].message}`);
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const next = fn(node.value);
      if (next !== node.value) {
        node.value = next;
        // a plain scalar that now reads differently is written quoted by the library; a block one stays a block
        if (node.type === 'PLAIN' && /^\{\{/.test(next)) node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
