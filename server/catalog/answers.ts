import crypto from 'node:crypto';
import type { Question } from '@/lib/catalog-types';
import { answerSchema, type Answers } from '@/lib/schemas/catalog';
import { invalid } from '../errors';
import { type PlaceholderValue, Raw, type RenderValue, valueKey } from './render';

/**
 * Answers to a version's questions: each checked with the question's own schema (lib/schemas/catalog.ts, which the
 * launch form uses too), defaults filled in, passwords left empty generated, and `service` answers checked against
 * what runs on the target host.
 */

/** 64 characters: every random byte's low 6 bits pick one without bias. No "$" (users copy passwords into shells). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A strong password: 24 characters, 144 random bits. */
export function generatePassword(): string {
  return [...crypto.randomBytes(24)].map((b) => ALPHABET[b & 63]).join('');
}

/** What a `service` answer ("stack/service") found on the host: the network the two stacks share, or why not. */
export type ServiceLookup = (stack: string, service: string) => Promise<{ network: string } | { problem: string }>;

export interface ResolveOptions {
  /** checks service answers on the target host; without it (a preview with no host) they are taken as written */
  services?: ServiceLookup;
}

export interface ResolvedAnswers {
  /** every question's answer, typed; passwords included (generated where left empty) */
  answers: Record<string, PlaceholderValue>;
  /**
   * what the compose file's placeholders become: service questions add "<name>.network"; a password becomes a
   * `${<variable>}` reference to the stack's .env, so the stored file, its history and the preview hold no password
   */
  values: Record<string, RenderValue>;
  /** the stack's .env: one line per password answer (stored sealed, as every stack .env is) */
  env: string;
  /** the password questions' variables */
  secret: string[];
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

/** A .env line compose reads back exactly: single quotes keep everything between them literally (one line only). */
const envLine = (name: string, value: string) => `${name}='${value}'`;

/**
 * Checks `given` against `questions` and fills in the rest. Every problem is reported at once, as a 400 whose
 * details.issues name each answer ("answers.db_password").
 */
export async function resolveAnswers(questions: Question[], given: Answers, opts: ResolveOptions = {}): Promise<ResolvedAnswers> {
  const issues: { path: string; message: string }[] = [];
  const known = new Set(questions.map((q) => q.variable));
  for (const k of Object.keys(given))
    if (!known.has(k))
      issues.push({ path: `answers.${k}`, message: `${k} is not a question of this template (it asks: ${[...known].join(', ') || 'nothing'})` });
  const answers: Record<string, PlaceholderValue> = {};
  const values: Record<string, RenderValue> = {};
  const env: string[] = [];
  for (const q of questions) {
    const name = q.label || q.variable;
    let raw: unknown = given[q.variable];
    if (empty(raw)) raw = q.default;
    // a password nobody has to type (not required, no default) is generated; a required one must be given
    if (empty(raw) && q.type === 'password' && !q.required) raw = generatePassword();
    if (empty(raw)) {
      if (q.required) issues.push({ path: `answers.${q.variable}`, message: `${name} is required` });
      else if (q.type === 'service') issues.push({ path: `answers.${q.variable}`, message: `${name} is required: choose a service of another stack` });
      // an optional question left empty: text types become "", numbers and booleans have no value to give
      else if (q.type === 'string' || q.type === 'multiline' || q.type === 'enum') answers[q.variable] = values[q.variable] = '';
      else issues.push({ path: `answers.${q.variable}`, message: `${name} needs a value (it has no default)` });
      continue;
    }
    const r = answerSchema(q).safeParse(raw);
    if (!r.success) {
      issues.push({ path: `answers.${q.variable}`, message: r.error.issues[0].message });
      continue;
    }
    answers[q.variable] = values[q.variable] = r.data;
    if (q.type === 'password') {
      env.push(envLine(q.variable, String(r.data)));
      values[q.variable] = new Raw(`\${${q.variable}}`);
    } else if (q.type === 'service') {
      const [stack, service] = String(r.data).split('/');
      const found = opts.services ? await opts.services(stack, service) : { network: `${stack}_default` };
      if ('problem' in found) {
        issues.push({ path: `answers.${q.variable}`, message: `${name}: ${found.problem}` });
        continue;
      }
      values[q.variable] = service;
      values[valueKey(q.variable, true)] = found.network;
    }
  }
  if (issues.length) throw invalid(issues.map((i) => i.message).join('; '), { issues });
  return { answers, values, env: env.length ? `${env.join('\n')}\n` : '', secret: questions.filter((q) => q.type === 'password').map((q) => q.variable) };
}
