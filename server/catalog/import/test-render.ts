import { parseDocument, visit } from 'yaml';
import type { Question } from '@/lib/catalog-types';
import { QuestionsFileSchema } from '@/lib/schemas/catalog';
import { loadCompose } from '@/server/compose/load';
import { checkVersion } from '../loader';

/**
 * For tests: a compose file with {{placeholders}} rendered with each question's default, substituted in the parsed
 * tree as catalog/README.md says (a whole-placeholder value takes the answer's type, `$` in text is escaped), so a
 * test can ask Berth's compose loader whether a template or an imported app would deploy. Not the catalog's renderer
 * (server/catalog/render.ts): a small independent one, so the two can be checked against each other.
 */

export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)(\.network)?\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)(\.network)?\s*\}\}$/;

/** what of a question the default answer needs (questions.yml's shape or Question) */
type Q = { type: string } & Partial<Pick<Question, 'default' | 'min' | 'options'>>;

/** The answer a launch with every default would give (a generated password stands in for an empty one). */
export function defaultAnswer(q: Q): string | number | boolean {
  if (q.default !== undefined) return q.default;
  if (q.type === 'password') return 'Gen3rated-Passw0rd-$ample';
  if (q.type === 'int' || q.type === 'float') return q.min ?? 1;
  if (q.type === 'boolean') return false;
  if (q.type === 'enum') return q.options![0];
  if (q.type === 'service') return 'other-stack/service';
  return 'sample';
}

export function renderTree(compose: string, answers: Record<string, string | number | boolean>): string {
  const doc = parseDocument(compose, { merge: true });
  const text = (n: string) => String(answers[n]).replace(/\$/g, '$$$$');
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const whole = WHOLE.exec(node.value);
      if (whole && !whole[2]) node.value = typeof answers[whole[1]] === 'string' ? text(whole[1]) : answers[whole[1]];
      else node.value = node.value.replace(PLACEHOLDER, (_, n: string, net?: string) => (net ? `${n}_default` : text(n)));
    },
  });
  return doc.toString();
}

/** The problems Berth's compose loader finds in the file rendered with default answers (empty: it would deploy). */
export function defaultRenderProblems(compose: string, questions: (Q & { variable: string })[]): string[] {
  const rendered = renderTree(compose, Object.fromEntries(questions.map((q) => [q.variable, defaultAnswer(q)])));
  const r = loadCompose({ compose: rendered, env: '', project: 'catalog-check' });
  return r.issues.map((i) => `${i.path ?? ''} ${i.message}`);
}

/**
 * What the catalog's own loader would say of an imported version: its questions read as a questions.yml, and its
 * compose file checked by checkVersion (placeholders against questions, then Berth's compose loader) — the same checks
 * a template folder in Berth's format passes.
 */
export function catalogProblems(version: { compose: string; questions: Question[] }): string[] {
  const q = QuestionsFileSchema.safeParse({ questions: version.questions });
  if (!q.success) return q.error.issues.map((i) => `questions.${i.path.join('.')}: ${i.message}`);
  return checkVersion(version.compose, version.questions).map((p) => `${p.field ?? ''} ${p.message}`);
}
