/**
 * Pathological compose files just under the 1 MiB limit, one per way a file can be large: the shapes that made
 * validation quadratic or long (issue #11), for bench/validate-lag.ts and the validation tests.
 */
export const COMPOSE_LIMIT = 1024 * 1024;

/** `head` then `line(i)` lines until the next one would pass `limit` bytes (all lines here are ASCII). */
function fill(head: string, line: (i: number) => string, limit: number): string {
  const parts = [head];
  let n = head.length + 1;
  for (let i = 0; ; i++) {
    const l = line(i);
    if (n + l.length + 1 > limit) break;
    parts.push(l);
    n += l.length + 1;
  }
  return parts.join('\n') + '\n';
}

const web = 'services:\n  web:\n    image: nginx';

export const SHAPES = {
  /** one service with ~60,000 labels (the report in issue #11) */
  'many-labels': (limit = COMPOSE_LIMIT - 1024) => fill(`${web}\n    labels:`, (i) => `      l${i}: "v"`, limit),
  /** the same, every label invalid (a list where a scalar belongs): the schema's issue collection */
  'bad-labels': (limit = COMPOSE_LIMIT - 1024) => fill(`${web}\n    labels:`, (i) => `      l${i}: [1]`, limit),
  /** ~80,000 unknown keys: 80,000 issues, each positioned */
  'many-errors': (limit = COMPOSE_LIMIT - 1024) => fill('services:', (i) => `  s${i}:\n    imag: nginx`, limit),
  /** ~40,000 services */
  'many-services': (limit = COMPOSE_LIMIT - 1024) => fill('services:', (i) => `  s${i}:\n    image: nginx`, limit),
  /** ~1,400 levels of block mappings (indentation fills the file) */
  'deep-nesting': (limit = COMPOSE_LIMIT - 1024) => {
    const parts = [`${web}\nx-deep:`];
    let n = parts[0].length;
    for (let i = 0; n + 2 * i + 16 < limit; i++) {
      parts.push(`${' '.repeat(2 + i)}k${i}:`);
      n += 2 + i + String(i).length + 3;
    }
    return parts.join('\n') + ' v\n';
  },
  /** 20,000 levels of flow sequences */
  'deep-flow': () => `${web}\nx-deep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
  /** one 900 KB label value */
  'long-string': () => `${web}\n    labels:\n      big: "${'a'.repeat(900_000)}"\n`,
  /** 200,000 ${VAR} in one value */
  'long-interpolation': () => `${web}\n    labels:\n      big: "${'${A}'.repeat(200_000)}"\n`,
  /** ~35,000 labels, each with interpolations with defaults */
  'many-variables': (limit = COMPOSE_LIMIT - 1024) => fill(`${web}\n    labels:`, (i) => `      l${i}: "\${V${i % 50}:-x}\${W}"`, limit),
  /** ~80,000 duplicate keys */
  'duplicate-keys': (limit = COMPOSE_LIMIT - 1024) => fill(`${web}\n    labels:`, () => `      l: "v"`, limit),
  /** ~150,000 YAML syntax errors */
  'syntax-errors': (limit = COMPOSE_LIMIT - 1024) => fill(`${web}\n    labels:`, (i) => `      l${i}: "v\n\tx`, limit),
} satisfies Record<string, () => string>;

export type ShapeName = keyof typeof SHAPES;
