import { type Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import { invalid } from '../errors';

/**
 * Placeholders in a template's compose file, and their substitution (catalog/README.md, "Placeholders"). Everything
 * happens on the parsed YAML tree: an answer only ever becomes (part of) one string value, so newlines, ": ", "{",
 * quotes, "*a", "&a" or "!!python" in an answer are written back by the YAML writer as a literal string, never as
 * structure. A "$" in an answer is written "$$", so compose's own interpolation gives back the answer as typed.
 */

/** `{{name}}` or `{{name.network}}` (a service question's network); spaces inside the braces are allowed. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)(\.network)?\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)(\.network)?\s*\}\}$/;

export type PlaceholderValue = string | number | boolean;

/**
 * Text written into the file as it is, not escaped: a password's `${name}` reference to the stack's sealed .env, which
 * compose interpolation fills in (so no password is ever in the stored file, the history or the preview).
 */
export class Raw {
  constructor(readonly text: string) {}
}
export type RenderValue = PlaceholderValue | Raw;

export interface PlaceholderUse {
  /** the question variable */
  name: string;
  /** `{{name.network}}` */
  network: boolean;
  /** where in the file: services.web.environment.DB_HOST */
  path: string;
  /** in a mapping key, where nothing is substituted (a template error) */
  inKey: boolean;
}

/** The key used in a values map: "name", or "name.network". */
export const valueKey = (name: string, network: boolean) => (network ? `${name}.network` : name);

const parse = (compose: string) => parseDocument(compose, { prettyErrors: false, version: '1.2', merge: true });

function parsed(compose: string): Document {
  if (compose.length > 1024 * 1024) throw invalid('The compose file is larger than 1 MiB');
  const doc = parse(compose);
  if (doc.errors.length) throw invalid(`The compose file is not valid YAML: ${doc.errors[0].message}`);
  return doc;
}

type Visit = (s: Scalar, path: (string | number)[], inKey: boolean) => void;

/** Every scalar of the tree with its path; a key's scalar is marked as such. Aliases are not followed (their anchor is visited). */
function walk(node: unknown, path: (string | number)[], fn: Visit): void {
  if (isScalar(node)) fn(node, path, false);
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (isScalar(pair.key)) fn(pair.key, [...path, key], true);
      walk(pair.value, [...path, key], fn);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], fn));
}

/** Every placeholder of a compose file, with where it is. Throws (400) when the file is not YAML. */
export function placeholdersOf(compose: string): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  walk(parsed(compose).contents, [], (s, path, inKey) => {
    if (typeof s.value !== 'string') return;
    for (const m of s.value.matchAll(PLACEHOLDER)) out.push({ name: m[1], network: !!m[2], path: path.join('.'), inKey });
  });
  return out;
}

const escapeDollars = (v: string) => v.replace(/\$/g, '$$$$');

/**
 * The compose file with every placeholder replaced by its value (`values` by valueKey). A value that is exactly one
 * placeholder takes the value's own type (a number, a boolean); elsewhere values are written as text. Substitution is
 * one pass over the template's own text, so an answer containing "{{x}}" stays literal.
 */
export function renderCompose(compose: string, values: Record<string, RenderValue>): string {
  const doc = parsed(compose);
  const missing = new Set<string>();
  const valueOf = (name: string, network: boolean) => {
    const key = valueKey(name, network);
    if (!(key in values)) missing.add(`{{${key}}}`);
    return values[key];
  };
  walk(doc.contents, [], (s, _path, inKey) => {
    if (inKey || typeof s.value !== 'string' || !s.value.includes('{{')) return;
    const whole = WHOLE.exec(s.value);
    let next: PlaceholderValue;
    if (whole) {
      const v = valueOf(whole[1], !!whole[2]);
      next = v instanceof Raw ? v.text : typeof v === 'string' ? escapeDollars(v) : v;
    } else {
      next = s.value.replace(PLACEHOLDER, (_m, name: string, net?: string) => {
        const v = valueOf(name, !!net);
        return v instanceof Raw ? v.text : escapeDollars(String(v ?? ''));
      });
    }
    if (next === s.value) return;
    s.value = next;
    // the writer picks a quoting that keeps the value a string (or the number or boolean it is); a plain or block
    // style chosen for the template's text may not hold the answer
    if (typeof next !== 'string' || (s.type !== Scalar.QUOTE_DOUBLE && s.type !== Scalar.QUOTE_SINGLE)) s.type = undefined;
  });
  if (missing.size) throw invalid(`The template uses placeholders no question answers: ${[...missing].join(', ')}`);
  return doc.toString({ lineWidth: 0 });
}
