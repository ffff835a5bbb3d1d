import crypto from 'node:crypto';
import type { CatalogTemplate, Question } from '@/lib/catalog-types';
import { compareVersions, newestFirst } from '@/lib/catalog-version';
import type { Answers } from '@/lib/schemas/catalog';
import type { ComposeModel } from '../compose/model';
import { parseDotenv } from '../compose/interpolate';
import { invalid } from '../errors';

/**
 * The pure parts of upgrading a catalog app in place (upgrade.ts does the I/O): which versions it may go to, which
 * questions are new, and the answers and .env the new version is rendered with. Old answers are kept; password answers
 * stay in the stack's sealed .env exactly as they are (a new password question gets a line of its own).
 */

const RANGE_PART = /^(>=|<=|>|<|==?)?(\d+(?:\.\d+)*(?:-\d+)?)$/;

/**
 * Whether a deployed `from` version may upgrade to a version whose questions.yml says `upgrade_from: range`. A range
 * is one or more comparisons (">=6.5-1", ">=1.0 <2.0"; a bare version means exactly it), all of which must hold.
 * Returns null when allowed, else why not.
 */
export function refusedFrom(range: string | undefined, from: string): string | null {
  if (!range?.trim()) return null;
  for (const part of range.trim().split(/[\s,]+/)) {
    const m = RANGE_PART.exec(part);
    if (!m) return `its upgrade_from "${range}" is not a range Berth reads (comparisons like ">=6.5-1"), so no upgrade to it is offered`;
    const c = compareVersions(from, m[2]);
    const ok = { '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0 }[m[1] ?? ''] ?? c === 0;
    if (!ok) return `it upgrades only from versions ${range}, and this stack runs ${from}`;
  }
  return null;
}

export interface UpgradeChoices {
  /** the versions newer than the deployed one that it may upgrade to, newest first */
  upgrades: string[];
  /** newer versions their upgrade_from refuses, with why (the user may need an intermediate version first) */
  refused: { version: string; reason: string }[];
}

export function upgradeChoices(t: CatalogTemplate, from: string): UpgradeChoices {
  const out: UpgradeChoices = { upgrades: [], refused: [] };
  for (const version of newestFirst(t.versions.map((v) => v.version))) {
    if (compareVersions(version, from) <= 0) continue;
    const reason = refusedFrom(t.versions.find((v) => v.version === version)!.upgradeFrom, from);
    if (reason) out.refused.push({ version, reason });
    else out.upgrades.push(version);
  }
  return out;
}

/** Refuses a target that is not an upgrade of `from`, saying what to do instead. */
export function checkTarget(t: CatalogTemplate, from: string, to: string): void {
  if (compareVersions(to, from) <= 0)
    throw invalid(
      `Version ${to} of ${t.name} is not newer than the deployed ${from}; an upgrade goes to a newer version (roll back through the stack's history to go back)`,
      {
        issues: [{ path: 'version', message: `${to} is not newer than ${from}` }],
      },
    );
  const reason = refusedFrom(t.versions.find((v) => v.version === to)?.upgradeFrom, from);
  if (reason) {
    const via = upgradeChoices(t, from).upgrades;
    const hint = via.length ? `; upgrade to ${via[via.length - 1]} first` : '';
    throw invalid(`Version ${to} of ${t.name} cannot be reached from ${from}: ${reason}${hint}`, { issues: [{ path: 'version', message: reason }] });
  }
}

/**
 * The questions of the new version that the deployed one did not ask: all an upgrade asks. `had` is every variable
 * the deployed version answered (its kept answers and its password variables), so this holds even when the catalog
 * no longer has the deployed version.
 */
export function newQuestions(had: Iterable<string>, questions: Question[]): Question[] {
  const old = new Set(had);
  return questions.filter((q) => !old.has(q.variable));
}

/**
 * What the new version is resolved with: the kept answers of the questions it still asks, the old password answers
 * read back from the stack's .env (so they are not generated again), and the user's answers on top (new questions,
 * or a changed old one). A password set before cannot be changed here: it lives in the .env, which the upgrade keeps.
 */
export function mergeAnswers(opts: {
  questions: Question[];
  kept: Record<string, string | number | boolean>;
  secretVariables: string[];
  env: string;
  given: Answers;
}): Answers {
  const asked = new Set(opts.questions.map((q) => q.variable));
  const envVars = parseDotenv(opts.env).env;
  const out: Answers = {};
  for (const [k, v] of Object.entries(opts.kept)) if (asked.has(k)) out[k] = v;
  const issues: { path: string; message: string }[] = [];
  for (const q of opts.questions) {
    if (q.type !== 'password' || envVars[q.variable] === undefined) continue;
    if (opts.given[q.variable] !== undefined && opts.given[q.variable] !== '')
      issues.push({
        path: `answers.${q.variable}`,
        message: `${q.label || q.variable} was set when the app was launched and an upgrade keeps it; change it in the stack's .env (and in the app) instead`,
      });
    out[q.variable] = envVars[q.variable];
  }
  if (issues.length) throw invalid(issues.map((i) => i.message).join('; '), { issues });
  for (const [k, v] of Object.entries(opts.given)) if (v !== '' || out[k] === undefined) out[k] = v;
  return out;
}

/**
 * The questions the upgrade resolves with: a password the .env already holds is kept as it is, so a newer version's
 * tighter length or pattern does not refuse it (the app runs with it; only the .env can change it).
 */
export function keptSecretsAsIs(questions: Question[], env: string): Question[] {
  const have = parseDotenv(env).env;
  return questions.map((q) => (q.type === 'password' && have[q.variable] !== undefined ? { ...q, min: undefined, max: undefined, pattern: undefined } : q));
}

/**
 * The upgraded stack's .env: the current one untouched, plus a line for each password variable it does not define
 * yet (`resolvedEnv` holds every password of the new version, one `NAME='value'` line each).
 */
export function upgradedEnv(env: string, resolvedEnv: string): string {
  const have = parseDotenv(env).env;
  const add = resolvedEnv.split('\n').filter((line) => {
    const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1];
    return name !== undefined && have[name] === undefined;
  });
  if (!add.length) return env;
  const base = env && !env.endsWith('\n') ? `${env}\n` : env;
  return `${base}${add.join('\n')}\n`;
}

/**
 * The one service a two-phase rolling upgrade can carry this change out on, or null: every other service, network and
 * volume stays the same, this one changes only its image, is not built, and has a health check (Docker's or Berth's
 * external one) for the rolling upgrade to wait on. Anything more is an ordinary deploy.
 */
export function rollingService(before: ComposeModel, after: ComposeModel): string | null {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(before.networks, after.networks) || !same(before.volumes, after.volumes)) return null;
  const names = Object.keys(after.services);
  if (!same(Object.keys(before.services).sort(), [...names].sort())) return null;
  const changed = names.filter((n) => !same(before.services[n], after.services[n]));
  if (changed.length !== 1) return null;
  const [name] = changed;
  const a = after.services[name];
  // composeHash is derived from the rest (the image included), so it changes with it
  if (a.build || !same({ ...before.services[name], image: a.image, composeHash: a.composeHash }, a)) return null;
  return (a.healthcheck && !a.healthcheckDisabled) || a.berthHealth ? name : null;
}

/** How a stack version's file is matched with the catalog deploy that made it (its exact text). */
export const composeDigest = (compose: string) => crypto.createHash('sha256').update(compose).digest('hex');
