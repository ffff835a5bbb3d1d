import type { ComposeIssue } from '@/lib/compose-types';
import { envFileMap, type FolderFiles } from './env-files';
import { interpolateValue, parseDotenv } from './interpolate';
import { keyProblems } from './keys';
import type { ComposeModel } from './model';
import { normalize } from './normalize';
import { FileSchema } from './schema';
import { parseYaml } from './yaml';

export interface LoadInput {
  compose: string;
  /** the stack's .env text (variables for interpolation, and the file `env_file: .env` reads) */
  env?: string;
  /** the project (stack) name: a service that builds without `image:` is tagged `<project>_<service>` */
  project?: string;
  /**
   * the text files of the stack's uploaded folder that env_file may read (see folderFiles in server/stacks); without
   * it, env_file reads only the .env. The typed .env wins over the folder's own .env.
   */
  folder?: FolderFiles;
}

export type LoadResult = { ok: true; model: ComposeModel; issues: [] } | { ok: false; issues: ComposeIssue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A version-1 file has no `services:` (and no `version:`): its top-level keys are the services. */
export function isLegacy(file: Obj): boolean {
  if ('services' in file || 'version' in file) return false;
  const entries = Object.entries(file).filter(([k]) => !k.startsWith('x-'));
  return entries.length > 0 && entries.every(([, v]) => isObj(v) && ('image' in v || 'build' in v));
}

/**
 * compose text + .env → the normalized model, or every problem found with its line and column: YAML syntax,
 * interpolation, unsupported and unknown keys (all named in one message), value types, and cross-references.
 */
export function loadCompose(input: LoadInput): LoadResult {
  const dot = parseDotenv(input.env ?? '');
  if (dot.issues.length) return { ok: false, issues: dot.issues };
  const parsed = parseYaml(input.compose);
  if (!parsed.ok) return parsed;
  const { yaml } = parsed;
  const issues: ComposeIssue[] = [];
  const at = (path: (string | number)[], message: string): ComposeIssue => ({ message, path: path.join('.'), ...yaml.positionOf(path) });
  if (!isObj(yaml.value))
    return { ok: false, issues: [at([], 'A compose file is a mapping with a services: key (or, in the old version-1 format, one key per service)')] };
  const legacy = isLegacy(yaml.value);
  if (!legacy && !('services' in yaml.value)) return { ok: false, issues: [at([], 'The compose file has no services: key')] };

  const interpIssues: ComposeIssue[] = [];
  const file = interpolateValue(yaml.value, dot.env, [], interpIssues) as Obj;
  for (const i of interpIssues) issues.push({ ...i, ...yaml.positionOf(i.path ? i.path.split('.') : []) });

  const problems = keyProblems(file, legacy);
  const unsupported = problems.filter((p) => p.kind === 'unsupported');
  if (unsupported.length) {
    const names = [...new Set(unsupported.map((p) => p.key))].join(', ');
    const first = unsupported[0];
    issues.push({
      ...at(
        first.path,
        `Berth does not support these compose keys yet: ${names} (at ${unsupported.map((p) => p.path.join('.')).join(', ')}). Remove them or deploy this file with the compose CLI.`,
      ),
    });
    for (const p of unsupported.slice(1)) issues.push(at(p.path, `${p.key} is not supported by Berth`));
  }
  for (const p of problems.filter((q) => q.kind === 'unknown'))
    issues.push(at(p.path, `unknown key "${p.key}" at ${p.path.join('.')} (not part of the compose specification: a typo?)`));

  const shaped = legacy ? { services: file } : file;
  const r = FileSchema.safeParse(shaped);
  if (!r.success) {
    for (const zi of r.error.issues) {
      const path = (legacy ? zi.path.slice(1) : zi.path) as (string | number)[];
      issues.push(at(path, `${path.join('.') || 'file'}: ${zi.message}`));
    }
    return { ok: false, issues: dedupe(issues) };
  }
  const model = normalize(r.data, legacy, dot.env, envFileMap(input.env ?? '', input.folder), (path, message) => issues.push(at(path, message)), input.project);
  if (issues.length) return { ok: false, issues: dedupe(issues) };
  return { ok: true, model, issues: [] };
}

function dedupe(issues: ComposeIssue[]): ComposeIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.col}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
