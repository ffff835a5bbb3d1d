/**
 * Text a person types into the launch form, turned into values: shell-like words, `.env` blocks, sizes like 512m and
 * durations like 1m30s. Pure and isomorphic (the form and the API use the same rules).
 */

/**
 * Splits a command line into words the way a POSIX shell splits them (quotes and backslashes), and nothing more: no
 * variables, globbing, operators or comments, since the words go to the Engine as an argument array and must not
 * change meaning on the way. (shell-quote, the usual library, expands `$VAR` and turns `|`, `>` and `#` into operators.)
 * Returns an error message for an unclosed quote.
 */
export function splitWords(text: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) cur += text[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `Unclosed ${quote === '"' ? 'double' : 'single'} quote: close it, or escape it with \\` };
  if (inWord) words.push(cur);
  return { words };
}

/** The inverse of splitWords: words quoted only where needed, for showing an argument array in a text field. */
export function joinWords(words: string[]): string {
  return words.map((w) => (w !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface EnvRow {
  key: string;
  value: string;
}

/**
 * Parses a pasted `.env` block: `KEY=value` lines, `export KEY=value`, blank lines and `#` comments, single quotes
 * (literal), double quotes (with \" and \\), `=` inside values, and ` #` comments after unquoted values. Every line that
 * cannot be used is reported with its number, rather than skipped as dotenv does, so nothing is lost silently.
 */
export function parseDotenv(text: string): { rows: EnvRow[]; errors: string[] } {
  const rows: EnvRow[] = [];
  const errors: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line || line.startsWith('#')) continue;
    const at = `line ${n + 1}`;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq < 0) {
      errors.push(`${at}: "${clip(body)}" has no "=": write KEY=value`);
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (!ENV_KEY.test(key)) {
      errors.push(`${at}: "${clip(key)}" is not a valid variable name (letters, digits, "_", "." and "-", not starting with a digit)`);
      continue;
    }
    const raw = body.slice(eq + 1).trim();
    const q = raw[0];
    if (q === '"' || q === "'") {
      const end = closingQuote(raw, q);
      if (end < 0) {
        errors.push(
          `${at}: the value of ${key} opens a ${q === '"' ? 'double' : 'single'} quote that does not close on the same line; values with line breaks are not allowed`,
        );
        continue;
      }
      const inner = raw.slice(1, end);
      rows.push({ key, value: q === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner });
    } else {
      rows.push({ key, value: raw.replace(/\s+#.*$/, '') });
    }
  }
  return { rows, errors };
}

function closingQuote(s: string, q: string): number {
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** "512m", "1.5g", "1048576" → bytes, in binary units as the docker CLI reads --memory; null when unreadable. */
export function parseBytes(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b?)$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]) * BYTE_UNITS[m[2].toLowerCase()];
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** Bytes → the shortest exact form parseBytes reads back ("512m"), for prefilling the form. */
export function formatBytesExact(bytes: number): string {
  for (const [u, f] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const)
    if (bytes % f === 0) return `${bytes / f}${u}`;
  return String(bytes);
}

const DURATION_UNITS: Record<string, number> = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go-style durations ("30s", "1m30s", "500ms") → nanoseconds, as the Engine stores healthcheck times; null if unreadable. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(t)) return null;
  let ns = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ns += Number(m[1]) * DURATION_UNITS[m[2]];
  return Math.round(ns);
}

/** Nanoseconds → "1m30s" style text. */
export function formatDuration(ns: number): string {
  if (ns % 1e9 !== 0) return `${Math.round(ns / 1e6)}ms`;
  let s = ns / 1e9;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
