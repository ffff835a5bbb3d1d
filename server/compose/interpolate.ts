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

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolateString(s: string, env: Record<string, string>, path: (string | number)[], issues: ComposeIssue[]): string {
  let out = '';
  let i = 0;
  const where = path.join('.');
  while (i < s.length) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(s, i + 2);
      if (end < 0) {
        issues.push({ message: `${where}: "${s}" has a "\${" without its closing "}" (write $$ for a literal $)`, path: where });
        return s;
      }
      out += expand(s.slice(i + 2, end), env, where, issues);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (m) {
      out += env[m[0]] ?? '';
      i += 1 + m[0].length;
      continue;
    }
    issues.push({ message: `${where}: "${s}" has a "$" that starts no variable (write $$ for a literal $)`, path: where });
    return s;
  }
  return out;
}

/** The index of the "}" closing a "${" whose body starts at `from`, allowing nested "${…}" in defaults. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let j = from; j < s.length; j++) {
    if (s[j] === '$' && s[j + 1] === '{') {
      depth++;
      j++;
    } else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expand(body: string, env: Record<string, string>, where: string, issues: ComposeIssue[]): string {
  const m = NAME.exec(body);
  if (!m) {
    issues.push({ message: `${where}: "\${${body}}" is not a valid variable name`, path: where });
    return '';
  }
  const name = m[0];
  const rest = body.slice(name.length);
  const set = Object.prototype.hasOwnProperty.call(env, name);
  const value = set ? env[name] : undefined;
  if (rest === '') return value ?? '';
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (!op) {
    issues.push({ message: `${where}: "\${${body}}" has an unknown modifier; use :-, -, :?, ?, :+ or +`, path: where });
    return '';
  }
  const arg = interpolateString(rest.slice(op.length), env, where.split('.'), issues);
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
