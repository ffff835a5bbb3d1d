import type { CatalogTemplate, TemplateVersion } from '@/lib/catalog-types';
import type { CatalogUpgradeAnswer, StackCatalogView } from '@/lib/catalog-upgrade';
import type { CatalogUpgrade } from '@/lib/schemas/catalog-upgrade';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import { BerthError, forbidden, notFound } from '../errors';
import { getStackRecord, getVersion, type StackRecord } from '../stacks/repo';
import { folderFiles } from '../stacks/folder-files';
import { beginDeploy, finishedOperation, modelOfAsync, planFor } from '../stacks/service';
import { startUpgrade } from '../stacks/upgrade';
import { resolveAnswers } from './answers';
import { renderCompose } from './render';
import { getStackTemplate, type StackTemplateRecord } from './repo';
import { publicTemplate, serviceLookup, versionOf } from './service';
import { recordUpgrade } from './upgrade-history';
import { checkTarget, keptSecretsAsIs, mergeAnswers, newQuestions, rollingService, upgradeChoices, upgradedEnv } from './upgrade-paths';

/**
 * Upgrading a catalog app in place (issue #12 point 6): the stack page's card (what runs, what it may upgrade to, the
 * new questions), and the upgrade itself: old answers kept, passwords left in the sealed .env, the new version
 * rendered and deployed as a stack deploy, so the plan, the container policy, the history and Rollback all apply.
 */

async function catalogStack(b: Berth, hostId: string, name: string): Promise<{ stack: StackRecord; ref: StackTemplateRecord }> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const ref = await getStackTemplate(b.db, stack.id);
  if (!ref)
    throw new BerthError('not_found', `Stack ${name} was not launched from the catalog, so it has no template to upgrade; edit and deploy its file instead`, {
      reason: 'not-from-catalog',
    });
  return { stack, ref };
}

const findTemplate = async (b: Berth, id: string): Promise<CatalogTemplate | undefined> => (await b.catalog.load()).templates.find((t) => t.id === id);

/** The new questions of `v` for a stack deployed with `ref`, as the API shows questions (no password defaults). */
function targetView(t: CatalogTemplate, v: TemplateVersion, ref: StackTemplateRecord): NonNullable<StackCatalogView['target']> {
  const pub = publicTemplate({ ...t, versions: [v] }).versions[0];
  const questions = newQuestions([...Object.keys(ref.answers), ...ref.secretVariables], pub.questions);
  return { version: v.version, questions, ...(v.readme ? { readme: v.readme } : {}) };
}

export async function stackCatalog(b: Berth, hostId: string, name: string, version?: string): Promise<StackCatalogView> {
  const { ref } = await catalogStack(b, hostId, name);
  const base = { templateId: ref.templateId, version: ref.version, answers: ref.answers };
  const t = await findTemplate(b, ref.templateId);
  if (!t)
    return {
      ...base,
      templateName: ref.templateId,
      administratorOnly: false,
      upgrades: [],
      refused: [],
      target: null,
      problem: `The catalog no longer has template ${ref.templateId} (its source was removed or it failed to load), so no upgrade can be offered`,
    };
  const choices = upgradeChoices(t, ref.version);
  const want = version ?? choices.upgrades[0];
  if (version) checkTarget(t, ref.version, version);
  const target = want ? targetView(t, versionOf(t, want), ref) : null;
  return { ...base, templateName: t.name, administratorOnly: t.administratorOnly, ...choices, target };
}

/**
 * The service a two-phase rolling upgrade can carry the change out on (only its image changes and it has a health
 * check: upgrade-paths.ts rollingService), compared with what is deployed; null for an ordinary deploy.
 */
async function rollingFor(b: Berth, stack: StackRecord, deployed: { compose: string; env: string }, compose: string, env: string): Promise<string | null> {
  const folder = await folderFiles(b, stack.id);
  const before = await modelOfAsync(b, deployed.compose, deployed.env, stack.name, folder).catch(() => null);
  return before ? rollingService(before, await modelOfAsync(b, compose, env, stack.name, folder)) : null;
}

/**
 * Plans (plan: true: nothing changes) or deploys the upgrade. The deploy is an ordinary stack deploy of the rendered
 * file and the kept .env (plus lines for new passwords); only when it succeeds does the stack's template record move
 * to the new version, so a refused or failed upgrade leaves the stack and its record as they were.
 */
export async function upgradeCatalogStack(b: Berth, principal: Principal, hostId: string, name: string, input: CatalogUpgrade): Promise<CatalogUpgradeAnswer> {
  const { stack, ref } = await catalogStack(b, hostId, name);
  const t = await findTemplate(b, ref.templateId);
  if (!t) throw notFound(`The catalog no longer has template ${ref.templateId}, so stack ${name} cannot be upgraded from it`);
  if (t.administratorOnly && principal.roleOn(hostId) !== 'admin')
    throw forbidden(`${t.name} is an administrator-only template (it needs settings the operator policy refuses); ask an admin to upgrade it`);
  const v = versionOf(t, input.version);
  checkTarget(t, ref.version, v.version);
  const given = mergeAnswers({ questions: v.questions, kept: ref.answers, secretVariables: ref.secretVariables, env: stack.env, given: input.answers });
  const resolved = await resolveAnswers(keptSecretsAsIs(v.questions, stack.env), given, { services: serviceLookup(b, hostId) });
  const compose = renderCompose(v.compose, resolved.values);
  const env = upgradedEnv(stack.env, resolved.env);
  const answers = Object.fromEntries(Object.entries(resolved.answers).filter(([k]) => !resolved.secret.includes(k)));
  const to = { templateId: t.id, version: v.version, answers, secretVariables: resolved.secret };
  const deployed = stack.deployedVersion === null ? null : await getVersion(b.db, b.box, stack, stack.deployedVersion);
  const fromCompose = deployed?.compose ?? stack.compose;
  const rolling = deployed ? await rollingFor(b, stack, deployed, compose, env) : null;
  if (input.plan) return { version: v.version, compose, rolling, plan: await planFor(b, hostId, name, { compose, env }) };

  if (rolling) {
    // the files are remembered first: Finish makes the new one a version (then the card says the new version),
    // Rollback restores the old one; the template record itself is left alone (see upgrade-history.ts)
    await recordUpgrade(b.db, stack.id, { compose: fromCompose, ref }, { compose, ref: to }, false);
    const operation = await startUpgrade(b, principal, hostId, name, {
      service: rolling,
      compose,
      env,
      batchSize: 1,
      intervalMs: 0,
      startFirst: false,
      wait: input.wait,
    });
    return { version: v.version, rolling, operation };
  }
  const started = await beginDeploy(b, principal, hostId, name, { compose, env });
  const done = started.done.then(async (op) => {
    // the stack is upgraded; a record that cannot be written is logged, not turned into a failed upgrade
    await recordUpgrade(b.db, stack.id, { compose: fromCompose, ref }, { compose, ref: to }).catch((e) =>
      console.warn(`berth: stack ${name} was upgraded to ${t.id} ${v.version} but its template record was not: ${(e as Error).message}`),
    );
    return op;
  });
  if (!input.wait) {
    done.catch(() => undefined);
    return { version: v.version, rolling: null, operation: started.operation };
  }
  return { version: v.version, rolling: null, operation: await finishedOperation(done, started.view) };
}
