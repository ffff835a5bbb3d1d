import type { ComposeIssue } from '@/lib/compose-types';

/**
 * Variable substitution as compose does it, in every string value (not keys): `$VAR`, `${VAR}`, `${VAR:-default}`
 * (unset or empty), `${VAR-default}` (unset), `${VAR:?error}` / `${VAR?error}` (required), `${VAR:+alt}` / `${VAR+alt}`,
 * and `$$` for a literal `$`. Values come from the stack's .env only, never from Berth's own environment.
 */
export function interpolateValue(value: unknown, env: Record<string, string>, path: (string | number)[], issues: ComposeIssue[]): unknown {
  if (typeof value === 'string') return interpolateString(value, env, path, issues);
  if (Array.isArray(value)) return value.map((v, i) => interpolateValue(v, env, [...path, i], issues));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateValue(v, env, [...path, k], issues);
    return out;
  }
  return value;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Deeper `${A:-${B:-…}}` nesting than any real file has; past it the recursion would exhaust the stack. */
export const MAX_NESTING = 100;

export function interpolateString(s: string, env: Record<string, string>, path: (string | number)[], issues: ComposeIssue[]): string {
  const where = path.join('.');
  if (!s.includes('$')) return s;
  const { closer, depth } = matchBraces(s);
  if (depth > MAX_NESTING) {
    issues.push({ message: `${where}: a value nests "\${" more than ${MAX_NESTING} levels deep; write it out without so many nested defaults`, path: where });
    return s;
  }
  return new Interpolation(s, env, where, issues, closer).range(0, s.length);
}

/**
 * For every "${" (as a left-to-right scan sees them, "$${" included), the index of the "}" that closes it, allowing
 * nested "${…}" in defaults; -1 when unclosed. One pass for the whole value, so nested defaults are not rescanned at
 * every level (which made deep nesting quadratic).
 */
function matchBraces(s: string): { closer: Map<number, number>; depth: number } {
  const closer = new Map<number, number>();
  const open: number[] = [];
  let depth = 0;
  for (let j = s.indexOf('$'); j >= 0 && j < s.length; j++) {
    if (s[j] === '$' && s[j + 1] === '{') {
      closer.set(j, -1);
      open.push(j);
      depth = Math.max(depth, open.length);
      j++;
    } else if (s[j] === '}' && open.length) closer.set(open.pop()!, j);
  }
  return { closer, depth };
}

/** Substitution over ranges of one value (no substrings per nesting level), with compose's messages. */
class Interpolation {
  constructor(
    private readonly s: string,
    private readonly env: Record<string, string>,
    private readonly where: string,
    private readonly issues: ComposeIssue[],
    private readonly closer: Map<number, number>,
  ) {}

  /** s[from, to) interpolated; on a problem, that text unchanged (the problem is reported). */
  range(from: number, to: number): string {
    const { s, where } = this;
    let out = '';
    let i = from;
    while (i < to) {
      const dollar = s.indexOf('$', i);
      if (dollar < 0 || dollar >= to) return out + s.slice(i, to);
      out += s.slice(i, dollar);
      i = dollar;
      const next = s[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (next === '{') {
        const end = this.closer.get(i) ?? -1;
        if (end < 0) {
          this.issues.push({ message: `${where}: "${s.slice(from, to)}" has a "\${" without its closing "}" (write $$ for a literal $)`, path: where });
          return s.slice(from, to);
        }
        out += this.expand(i + 2, end);
        i = end + 1;
        continue;
      }
      NAME.lastIndex = i + 1;
      const m = NAME.exec(s);
      if (m) {
        out += this.env[m[0]] ?? '';
        i += 1 + m[0].length;
        continue;
      }
      this.issues.push({ message: `${where}: "${s.slice(from, to)}" has a "$" that starts no variable (write $$ for a literal $)`, path: where });
      return s.slice(from, to);
    }
    return out;
  }

  /** The body s[from, end) of one "${…}". */
  private expand(from: number, end: number): string {
    const { s, env, where, issues } = this;
    NAME.lastIndex = from;
    const m = NAME.exec(s);
    if (!m) {
      issues.push({ message: `${where}: "\${${s.slice(from, end)}}" is not a valid variable name`, path: where });
      return '';
    }
    const name = m[0];
    const restAt = from + name.length;
    const set = Object.prototype.hasOwnProperty.call(env, name);
    const value = set ? env[name] : undefined;
    if (restAt === end) return value ?? '';
    const op = /^(:?[-?+])/.exec(s.slice(restAt, Math.min(end, restAt + 2)))?.[1];
    if (!op) {
      issues.push({ message: `${where}: "\${${s.slice(from, end)}}" has an unknown modifier; use :-, -, :?, ?, :+ or +`, path: where });
      return '';
    }
    const arg = this.range(restAt + op.length, end);
    const emptyCounts = op.startsWith(':');
    const missing = emptyCounts ? !value : !set;
    switch (op.replace(':', '')) {
      case '-':
        return missing ? arg : (value ?? '');
      case '+':
        return missing ? '' : arg;
      default:
        if (missing) {
          const why = arg ? `: ${arg}` : emptyCounts ? ' (it is unset or empty)' : ' (it is unset)';
          issues.push({ message: `${where}: required variable ${name} is missing${why}. Set it in the stack's .env.`, path: where });
        }
        return value ?? '';
    }
  }
}

/** Reads a .env file: KEY=VALUE lines, `#` comments, optional `export `, single or double quotes. */
export function parseDotenv(text: string): { env: Record<string, string>; issues: ComposeIssue[] } {
  const env: Record<string, string> = {};
  const issues: ComposeIssue[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      issues.push({ message: `.env line ${idx + 1}: expected KEY=VALUE, got "${line.slice(0, 60)}"`, line: idx + 1, col: 1, file: 'env' });
      return;
    }
    let v = m[2];
    if (/^'.*'$/.test(v)) v = v.slice(1, -1);
    else if (/^".*"$/.test(v)) v = v.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    else v = v.replace(/\s+#.*$/, '');
    env[m[1]] = v;
  });
  return { env, issues };
}
