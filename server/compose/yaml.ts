import { isMap, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ComposeIssue } from '@/lib/compose-types';
import { duplicateKeyOffsets, NodeFinder } from './yaml-nodes';

/** Larger than any hand-written compose file; a cap keeps a pasted log or binary from tying up the parser. */
export const MAX_COMPOSE_BYTES = 1024 * 1024;
/** Compose files use a few anchors (`<<: *defaults`); thousands of alias expansions are an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  value: unknown;
  /** 1-based line/column of the node at `path`, or of its closest ancestor that exists */
  positionOf(path: (string | number)[]): { line: number; col: number } | undefined;
}

/**
 * Parses one YAML text into plain data with positions kept for later errors. Duplicate keys, tabs used as indentation
 * and bad indentation are errors (the `yaml` library reports them with their line and column); aliases are capped.
 */
export function parseYaml(text: string, what = 'The compose file'): { ok: true; yaml: ParsedYaml } | { ok: false; issues: ComposeIssue[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_COMPOSE_BYTES) {
    return {
      ok: false,
      issues: [{ message: `${what} is ${(bytes / 1024 / 1024).toFixed(1)} MiB; the limit is 1 MiB. Split it or remove what is not compose configuration.` }],
    };
  }
  const lc = new LineCounter();
  // uniqueKeys: false because the library's own check is quadratic in a map's size; duplicateKeyOffsets does it linearly
  const doc = withoutStackTraces(() =>
    parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', merge: true }),
  );
  const errors: { offset: number; message: string }[] = doc.errors.map((e: YAMLError) => ({ offset: e.pos[0], message: e.message }));
  const dups = duplicateKeyOffsets(doc);
  if (dups.length) {
    // the library reported these interleaved with its other errors, in source order (a stable sort keeps ties in place)
    for (const offset of dups) errors.push({ offset, message: 'Map keys must be unique' });
    errors.sort((a, b) => a.offset - b.offset);
  }
  if (errors.length) {
    return {
      ok: false,
      issues: errors.map((e) => {
        const pos = lc.linePos(e.offset);
        return { message: friendly(e.message), line: pos.line, col: pos.col };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      return {
        ok: false,
        issues: [
          { message: `${what} expands YAML aliases too many times (limit ${MAX_ALIAS_COUNT}): this looks like an alias bomb. Write the values out instead.` },
        ],
      };
    }
    return { ok: false, issues: [{ message: `${what} could not be read: ${msg}` }] };
  }
  const finder = new NodeFinder(doc);
  return { ok: true, yaml: { value, positionOf: (path) => positionIn(finder, lc, path) } };
}

function positionIn(finder: NodeFinder, lc: LineCounter, path: (string | number)[]): { line: number; col: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = n === 0 ? finder.getIn([]) : keyOrValue(finder, sub);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return lc.linePos(range[0]);
  }
  return undefined;
}

/** The key node for a map entry (so an error about an unknown key points at the key), else the value node. */
function keyOrValue(finder: NodeFinder, path: (string | number)[]): unknown {
  const parent = finder.getIn(path.length > 1 ? path.slice(0, -1) : []);
  const last = path[path.length - 1];
  if (isMap(parent)) return finder.keyNamed(parent, last);
  if (isSeq(parent)) return parent.items[Number(last)] ?? null;
  return null;
}

/**
 * The library makes an Error object for every syntax error; a broken 1 MiB file has 150,000 of them and capturing
 * their stack traces was half of the parse time. Only message and position are used, and the parse is synchronous, so
 * nothing else runs while the limit is lowered.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function friendly(message: string): string {
  const first = message.split('\n')[0];
  if (/tab/i.test(first)) return `${first} (YAML indents with spaces only)`;
  if (/Map keys must be unique/i.test(first)) return `${first}: a key appears twice in the same mapping`;
  return first;
}
