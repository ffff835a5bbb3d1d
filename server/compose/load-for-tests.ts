import { loadCompose } from './load';

/** For unit tests: a file's model (throws on any problem), or its problems as "line:col: message" lines. */
export function load(compose: string) {
  const r = loadCompose({ compose, env: '' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}

export function problems(compose: string): string {
  const r = loadCompose({ compose, env: '' });
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => `${i.line}:${i.col}: ${i.message}`).join('\n');
}
