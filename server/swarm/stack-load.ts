import type { ComposeIssue } from '@/lib/compose-types';
import { interpolateValue, parseDotenv } from '../compose/interpolate';
import { parseYaml } from '../compose/yaml';
import {
  type RawStackFile,
  STACK_IGNORED_NETWORK_KEYS,
  STACK_IGNORED_OBJECT_KEYS,
  STACK_IGNORED_SERVICE_KEYS,
  STACK_NETWORK_KEYS,
  STACK_OBJECT_KEYS,
  STACK_SERVICE_KEYS,
  STACK_TOP_KEYS,
  STACK_VOLUME_KEYS,
  StackFileSchema,
} from './stack-schema';

export type StackLoad =
  | { ok: true; file: RawStackFile; env: Record<string, string>; warnings: string[]; position: (path: (string | number)[]) => { line?: number; col?: number } }
  | { ok: false; issues: ComposeIssue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Compose text + .env → the validated file of a Swarm stack, or every problem with its line and column. Keys
 * `docker stack deploy` ignores (build, depends_on, container_name…) become warnings naming them, as the CLI prints
 * them; keys that are no part of the compose specification are errors (a typo deploys nothing).
 */
export function loadStackFile(compose: string, envText = ''): StackLoad {
  const dot = parseDotenv(envText);
  if (dot.issues.length) return { ok: false, issues: dot.issues.map((i) => ({ ...i, file: 'env' as const })) };
  const parsed = parseYaml(compose);
  if (!parsed.ok) return parsed;
  const { yaml } = parsed;
  const at = (path: (string | number)[], message: string): ComposeIssue => ({ message, path: path.join('.'), ...yaml.positionOf(path) });
  if (!isObj(yaml.value) || !isObj(yaml.value.services))
    return { ok: false, issues: [at([], 'A stack file is a compose file: a mapping with a services: key, one entry per service')] };
  const issues: ComposeIssue[] = [];
  const interp: ComposeIssue[] = [];
  const file = interpolateValue(yaml.value, dot.env, [], interp) as Obj;
  for (const i of interp) issues.push({ ...i, ...yaml.positionOf(i.path ? i.path.split('.') : []) });

  const warnings: string[] = [];
  const ignored = new Map<string, string[]>();
  const check = (obj: unknown, path: string[], ok: string[], known: string[]) => {
    if (!isObj(obj)) return;
    for (const k of Object.keys(obj)) {
      if (k.startsWith('x-') || ok.includes(k)) continue;
      const where = [...path, k];
      if (known.includes(k)) ignored.set(k, [...(ignored.get(k) ?? []), where.join('.')]);
      else issues.push(at(where, `unknown key "${k}" at ${where.join('.')} (not a key docker stack deploy reads: a typo?)`));
    }
  };
  check(file, [], STACK_TOP_KEYS, []);
  for (const [name, svc] of Object.entries(file.services as Obj)) check(svc, ['services', name], STACK_SERVICE_KEYS, STACK_IGNORED_SERVICE_KEYS);
  for (const [name, n] of Object.entries(isObj(file.networks) ? file.networks : {}))
    check(n, ['networks', name], STACK_NETWORK_KEYS, STACK_IGNORED_NETWORK_KEYS);
  for (const [name, v] of Object.entries(isObj(file.volumes) ? file.volumes : {})) check(v, ['volumes', name], STACK_VOLUME_KEYS, []);
  for (const top of ['secrets', 'configs'])
    for (const [name, v] of Object.entries(isObj(file[top]) ? file[top] : {})) check(v, [top, name], STACK_OBJECT_KEYS, STACK_IGNORED_OBJECT_KEYS);
  for (const [key, paths] of ignored) warnings.push(`${key} is ignored on Swarm, as docker stack deploy ignores it (at ${paths.join(', ')})`);

  octalModes(file, compose, yaml.positionOf);
  const r = StackFileSchema.safeParse(file);
  if (!r.success) {
    for (const zi of r.error.issues) {
      const path = zi.path as (string | number)[];
      issues.push(at(path, `${path.join('.') || 'file'}: ${zi.message}`));
    }
  }
  if (issues.length || !r.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, file: r.data, env: dot.env, warnings, position: (path) => yaml.positionOf(path) ?? {} };
}

/**
 * `mode: 0440` of a secret or config: YAML 1.2 (Berth's parser) reads the decimal 440, the CLI's parser octal 0440,
 * which is what people mean (Docker's documentation writes it so). The source text decides: a leading 0 is octal.
 */
function octalModes(file: Obj, text: string, positionOf: (p: (string | number)[]) => { line: number; col: number } | undefined) {
  const lines = text.split('\n');
  for (const [name, svc] of Object.entries(file.services as Obj)) {
    if (!isObj(svc)) continue;
    for (const kind of ['secrets', 'configs']) {
      const refs = svc[kind];
      if (!Array.isArray(refs)) continue;
      refs.forEach((r: unknown, i) => {
        if (!isObj(r) || typeof r.mode !== 'number') return;
        const pos = positionOf(['services', name, kind, i, 'mode']);
        const m = pos && /^mode\s*:\s*(0[0-7]+)\b/.exec(lines[pos.line - 1]?.slice(pos.col - 1) ?? '');
        if (m) r.mode = parseInt(m[1], 8);
      });
    }
  }
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
