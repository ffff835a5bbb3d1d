import { searchTemplates } from '@/lib/catalog-search';
import type { CatalogFirstScreen, CatalogListing, CatalogTemplate, TemplateSummary, TemplateVersion } from '@/lib/catalog-types';
import type { OperationView, StackPlan } from '@/lib/compose-types';
import type { CatalogDeploy, CatalogListQuery, CatalogPlan, CatalogRender } from '@/lib/schemas/catalog';
import { canRead, type Principal } from '../auth/policy';
import type { Berth } from '../berth';
import { NO_FOLDER } from '../compose/env-files';
import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import { conflict, forbidden, notFound } from '../errors';
import { deleteStack, findStack, insertStack } from '../stacks/repo';
import { beginDeploy, finishedOperation, modelOfAsync, planModel } from '../stacks/service';
import { resolveAnswers, type ServiceLookup } from './answers';
import { publicLogo } from './logo';
import { renderCompose } from './render';
import { saveStackTemplate } from './repo';

/**
 * The catalog's use cases: list and read templates, render one with answers (the Preview), and launch one as a stack.
 * A launch is a stack deploy through the stack service, so the plan, operation, history, rollback and the container
 * policy all apply unchanged.
 */

const summaryOf = (full: CatalogTemplate): TemplateSummary => {
  const { versions, readme: _readme, logo: _logo, ...t } = full;
  const logo = publicLogo(full);
  return { ...t, ...(logo ? { logo } : {}), versions: versions.map((v) => v.version) };
};

export async function listCatalog(b: Berth, principal: Principal, query: CatalogListQuery): Promise<CatalogListing> {
  const { templates, problems } = await b.catalog.load();
  const categories = [...new Set(templates.flatMap((t) => t.categories))].sort((x, y) => x.localeCompare(y));
  return { templates: searchTemplates(templates, query).map(summaryOf), categories, problems: principal.roleOn() === 'admin' ? problems : [] };
}

/**
 * The first screen of the Catalog page, rendered on the server so its cards paint with the HTML instead of after the
 * scripts and the whole list have loaded (P8 in bench/RESULTS.md): the first `n` templates in the list's order, how
 * many there are, and the categories. Nothing here is per user (only the problems are, and they are left out).
 */
export async function catalogFirstScreen(b: Berth, n: number): Promise<CatalogFirstScreen> {
  const { templates } = await b.catalog.load();
  const categories = [...new Set(templates.flatMap((t) => t.categories))].sort((x, y) => x.localeCompare(y));
  return { templates: searchTemplates(templates, {}).slice(0, n).map(summaryOf), total: templates.length, categories };
}

export async function getTemplate(b: Berth, id: string): Promise<CatalogTemplate> {
  const t = (await b.catalog.load()).templates.find((x) => x.id === id);
  if (!t) throw notFound(`The catalog has no template ${id}; GET /api/v1/catalog lists the templates it has`);
  return t;
}

/** A template as the API shows it: a password question's default (a secret the template ships) is left out; the logo by URL. */
export function publicTemplate(t: CatalogTemplate): CatalogTemplate {
  const versions = t.versions.map((v) => ({
    ...v,
    questions: v.questions.map(({ default: d, ...q }) => (q.type === 'password' || d === undefined ? q : { ...q, default: d })),
  }));
  const logo = publicLogo(t);
  return { ...t, ...(logo ? { logo } : {}), versions };
}

export function versionOf(t: CatalogTemplate, version?: string): TemplateVersion {
  const want = version ?? t.defaultVersion;
  const v = t.versions.find((x) => x.version === want);
  if (!v) throw notFound(`Template ${t.id} has no version ${want} (it has: ${t.versions.map((x) => x.version).join(', ')})`);
  return v;
}

/**
 * What a `service` answer names, looked up on the host: the stack's containers of that service, and the network
 * they share with a new stack (`<stack>_default`, else another of that stack's networks).
 */
export function serviceLookup(b: Berth, hostId: string): ServiceLookup {
  const engine = b.fleet.reachable(hostId).engine;
  return async (stack, service) => {
    const containers = await projectContainers(engine, stack);
    if (!containers.length)
      return { problem: `stack ${stack} is not deployed on this host (it was removed, or never ran here); choose a stack that runs on it` };
    const mine = containers.filter((c) => c.Labels?.[L.service] === service);
    if (!mine.length) {
      const has = [...new Set(containers.map((c) => c.Labels?.[L.service]).filter(Boolean))].join(', ');
      return { problem: `stack ${stack} has no service ${service} (it has: ${has})` };
    }
    const nets = [...new Set(mine.flatMap((c) => Object.keys(c.NetworkSettings?.Networks ?? {})))];
    const network = nets.includes(`${stack}_default`) ? `${stack}_default` : nets.find((n) => n.startsWith(`${stack}_`));
    if (!network) return { problem: `service ${service} of stack ${stack} is on no network of its stack that another stack could join` };
    return { network };
  };
}

/**
 * The compose file a launch would deploy (the Preview). Passwords appear as ${variable} references to the stack's
 * sealed .env, never as text, so nothing secret is shown (see catalog/README.md). With `host`, service answers are
 * checked on that host as a launch checks them.
 */
export async function renderTemplate(b: Berth, principal: Principal, id: string, input: CatalogRender): Promise<{ compose: string; version: string }> {
  const t = await getTemplate(b, id);
  const v = versionOf(t, input.version);
  if (input.host && !canRead(principal, input.host)) throw forbidden('You hold no role on that host; choose a host you can see');
  const resolved = await resolveAnswers(v.questions, input.answers, { services: input.host ? serviceLookup(b, input.host) : undefined });
  const compose = renderCompose(v.compose, resolved.values);
  await modelOfAsync(b, compose, resolved.env, 'preview', { ...NO_FOLDER, missingOk: true });
  return { compose, version: v.version };
}

/**
 * What a launch and its plan step share: the template (administrator-only ones for admins), the version, a stack name
 * free on the host, the answers checked (service answers on this host) and the file rendered and validated.
 */
async function prepareLaunch(b: Berth, principal: Principal, hostId: string, id: string, input: CatalogPlan) {
  const t = await getTemplate(b, id);
  if (t.administratorOnly && principal.roleOn(hostId) !== 'admin') {
    throw forbidden(`${t.name} is an administrator-only template (it needs settings the operator policy refuses); ask an admin to launch it`);
  }
  const v = versionOf(t, input.version);
  b.fleet.reachable(hostId);
  if (await findStack(b.db, b.box, hostId, input.stack)) throw conflict(`A stack named ${input.stack} already exists on this host; choose another name`);
  const resolved = await resolveAnswers(v.questions, input.answers, { services: serviceLookup(b, hostId) });
  const compose = renderCompose(v.compose, resolved.values);
  const model = await modelOfAsync(b, compose, resolved.env, input.stack);
  return { t, v, resolved, compose, model };
}

/**
 * The plan step between Preview and Deploy: what a launch with these answers would create on the host (and which
 * images it pulls, with registry warnings), without saving or changing anything.
 */
export async function planTemplate(b: Berth, principal: Principal, hostId: string, id: string, input: CatalogPlan): Promise<StackPlan> {
  const { model } = await prepareLaunch(b, principal, hostId, id, input);
  return planModel(b, hostId, input.stack, model);
}

/**
 * Launches a template as a new stack: answers checked (service answers on this host), the file rendered and
 * validated, the stack saved with its template, version and answers (passwords in its sealed .env), then deployed
 * through the stack service. A first deploy that fails or is refused (the container policy) forgets the stack again,
 * so a refused launch leaves neither a stack in Berth nor anything on the host.
 */
export async function deployTemplate(b: Berth, principal: Principal, hostId: string, id: string, input: CatalogDeploy): Promise<{ operation: OperationView }> {
  const { t, v, resolved, compose } = await prepareLaunch(b, principal, hostId, id, input);
  const stack = await insertStack(b.db, b.box, hostId, input.stack, compose, resolved.env);
  const answers = Object.fromEntries(Object.entries(resolved.answers).filter(([k]) => !resolved.secret.includes(k)));
  const forget = async () => {
    // only a stack this launch made and never deployed, with nothing of it left on the host
    const now = await findStack(b.db, b.box, hostId, input.stack);
    if (now?.id !== stack.id || now.deployedVersion !== null) return;
    if ((await projectContainers(b.fleet.reachable(hostId).engine, input.stack)).length) return;
    await deleteStack(b.db, stack.id);
  };
  let started;
  try {
    await saveStackTemplate(b.db, stack.id, { templateId: t.id, version: v.version, answers, secretVariables: resolved.secret });
    started = await beginDeploy(b, principal, hostId, input.stack, {});
  } catch (e) {
    await forget();
    throw e;
  }
  const done = started.done.catch(async (e) => {
    await forget().catch((err) => console.warn(`berth: could not forget stack ${input.stack} after its refused launch: ${(err as Error).message}`));
    throw e;
  });
  if (!input.wait) {
    done.catch(() => undefined);
    return { operation: started.operation };
  }
  return { operation: await finishedOperation(done, started.view) };
}
