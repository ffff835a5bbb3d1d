import type { OperationKind, OperationView, StackPlan } from '@/lib/compose-types';
import type { StackCreate, StackDeploy, StackUpdate } from '@/lib/schemas/stacks';
import { enforceContainerPolicy, enforceVolumePolicy } from '../auth/policy-effective';
import type { Principal } from '../auth/policy';
import { applyPlan } from '../compose/apply';
import { type PreparedBuild, prepareBuilds, runBuild } from '../compose/build-run';
import type { Engine } from '../docker/connect';
import type { HostRuntime } from '../live/host-runtime';
import { projectContainers, readCurrentState } from '../compose/host-state';
import { type FolderFiles, NO_FOLDER } from '../compose/env-files';
import { type LoadResult, loadCompose } from '../compose/load';
import { type HasValidation, loadComposeOffThread } from '../compose/validate-pool';
import type { ComposeModel } from '../compose/model';
import { planStack as planPure, type PlanOptions } from '../compose/plan';
import { preflight, pullAlways } from '../compose/preflight';
import { markPulls } from '../compose/service-keys';
import { deployTag } from '../containers/aside';
import type { Berth } from '../berth';
import { BerthError, conflict, invalid } from '../errors';
import { pullImage } from '../images/pull';
import { pullProblem } from '../images/registry-check';
import { removeStackFolderById, stackFolderEntries } from './folder';
import { folderFiles } from './folder-files';
import { pruneFolderCopies, removeFolderCopies, requireFolderCopy, restoreFolder, snapshotFolder } from './folder-versions';
import { beginOperation, type Operation } from './operations';
import { pendingUpgrade } from './upgrade-pending';
import { addVersion, deleteStack, getStackRecord, getVersion, insertStack, type StackRecord, updateStackFiles } from './repo';
import { plural } from '@/lib/words';

/**
 * The editor's check of a compose file + .env: { ok, issues (with line and column), services }. Large files are checked
 * on a worker thread (see validate-pool.ts) so one request cannot stall the others.
 */
export { validateCompose } from '../compose/validate-pool';

/**
 * The model, or a 400 whose message lists the problems with their positions (and details.issues for the editor).
 * `project` (the stack's name) names the image of a service that builds without `image:`; `folder` holds the files of
 * the stack's uploaded folder that env_file reads (read before, with folderFiles, so this stays synchronous).
 */
export function modelOf(compose: string, env: string, project: string, folder: FolderFiles = NO_FOLDER): ComposeModel {
  return modelFrom(loadCompose({ compose, env, project, folder }));
}

/** modelOf for request paths: a large file is parsed on the validation worker, off the event loop. */
export async function modelOfAsync(b: HasValidation, compose: string, env: string, project: string, folder: FolderFiles = NO_FOLDER): Promise<ComposeModel> {
  return modelFrom(await loadComposeOffThread(b, { compose, env, project, folder }));
}

function modelFrom(r: LoadResult): ComposeModel {
  if (r.ok) return r.model;
  const text = r.issues.slice(0, 5).map((i) => (i.line ? `line ${i.line}, column ${i.col}: ${i.message}` : i.message));
  throw invalid(`The compose file has ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}: ${text.join('; ')}`, { issues: r.issues });
}

export async function createStack(
  b: Berth,
  principal: Principal,
  hostId: string,
  input: StackCreate,
): Promise<{ stack: StackRecord; operation?: OperationView }> {
  b.fleet.reachable(hostId);
  // a new stack has no folder yet (it is uploaded to the saved stack), so saving alone lets env_file name its files
  await modelOfAsync(b, input.compose, input.env, input.name, input.deploy ? NO_FOLDER : { ...NO_FOLDER, missingOk: true });
  const stack = await insertStack(b.db, b.box, hostId, input.name, input.compose, input.env);
  if (!input.deploy) return { stack };
  const operation = await deployStack(b, principal, hostId, input.name, { wait: true });
  return { stack, operation };
}

export async function updateStack(b: Berth, hostId: string, name: string, input: StackUpdate): Promise<void> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const env = input.env ?? stack.env;
  await modelOfAsync(b, input.compose, env, name, await folderFiles(b, stack.id));
  await updateStackFiles(b.db, b.box, stack.id, input.compose, env);
}

/** What a deploy of the stored file (or of the given one) would change on the host. */
export async function planFor(b: Berth, hostId: string, name: string, override?: { compose?: string; env?: string }, opts?: PlanOptions): Promise<StackPlan> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const model = await modelOfAsync(b, override?.compose ?? stack.compose, override?.env ?? stack.env, name, await folderFiles(b, stack.id));
  const builds = await buildsFor(b, b.fleet.reachable(hostId).engine, stack, model, opts);
  return planModel(b, hostId, name, model, { ...opts, builds: buildReasons(builds) });
}

/**
 * The plan of a loaded file against what runs on the host under that project name; also for a stack not saved yet
 * (a catalog launch's plan step). No pull here (a plan has no side effects): the plan says which images a deploy
 * pulls first, and asks each one's registry, from the host, whether it could (the Engine's /distribution, which
 * fetches no layers).
 */
export async function planModel(b: Berth, hostId: string, name: string, model: ComposeModel, opts: PlanOptions = {}): Promise<StackPlan> {
  const rt = b.fleet.reachable(hostId);
  const current = await readCurrentState(rt.engine, name, model);
  const plan = markPulls(planPure(name, model, current, opts), model, opts.onlyService, { name: rt.name, imageIds: current.imageIds });
  const refs = [...new Set(plan.services.filter((s) => s.pull).map((s) => s.image))];
  const warnings = (await Promise.all(refs.map((ref) => pullProblem(b, hostId, ref)))).filter((w): w is string => !!w);
  return warnings.length ? { ...plan, warnings } : plan;
}

/** Reads the build contexts of the stack's `build:` services (its uploaded folder, or allowed server directories). */
const buildsFor = (b: Berth, engine: Engine, stack: StackRecord, model: ComposeModel, opts: PlanOptions = {}, folderSha?: string | null) =>
  prepareBuilds(
    engine,
    model,
    { folder: () => stackFolderEntries(b, stack.id, folderSha ?? undefined), allowedPaths: b.config.buildContextPaths, stackName: stack.name },
    opts,
  );

interface DeployFiles {
  compose: string;
  env: string;
  /** the kept folder copy this deploy reads (null: no folder) */
  folderSha: string | null;
  /** a rollback: make that folder the stack's current one when it succeeds */
  restoreFolder: boolean;
}

const buildReasons = (builds: Map<string, PreparedBuild>) =>
  Object.fromEntries([...builds.values()].filter((p) => p.reason).map((p) => [p.service, p.reason!]));

/** Test knobs (a short condition timeout); production uses the defaults (see ApplyOptions for the parallelism). */
export const deployTuning = { conditionTimeoutMs: 300_000, parallelism: 8, serviceParallelism: 3 };

/**
 * Deploys a stack as an operation: lock, plan, preflight (nothing stops before it passes), apply with progress, and a
 * new version in the history when it succeeds. With `wait: false` it answers with the running operation at once.
 */
export async function deployStack(
  b: Berth,
  principal: Principal,
  hostId: string,
  name: string,
  input: Partial<StackDeploy>,
  kind: OperationKind = 'deploy',
  opts: PlanOptions = {},
  pastFolder?: string,
): Promise<OperationView> {
  const { operation, done, view } = await beginDeploy(b, principal, hostId, name, input, kind, opts, pastFolder);
  if (!input.wait) {
    done.catch(() => undefined);
    return operation;
  }
  return finishedOperation(done, view);
}

/**
 * Awaits a deploy's work; a failure keeps its kind (409 for a port in use, 400 for a bad file, 403 for the policy…)
 * and carries the operation's final state. `view` reads the operation once it has ended.
 */
export async function finishedOperation(done: Promise<OperationView>, view: () => OperationView): Promise<OperationView> {
  try {
    return await done;
  } catch (e) {
    const kind = (e as BerthError).kind ?? 'engine';
    throw new BerthError(kind, (e as Error).message, { ...((e as BerthError).details as object), operation: view() });
  }
}

/**
 * Starts a deploy: `operation` as it began, `done`, the work (the final operation, or the error it failed with), and
 * `view`, the operation now. For callers that must act when it ends (a catalog launch forgets a stack whose first
 * deploy was refused).
 */
export async function beginDeploy(
  b: Berth,
  principal: Principal,
  hostId: string,
  name: string,
  input: Partial<StackDeploy>,
  kind: OperationKind = 'deploy',
  opts: PlanOptions = {},
  pastFolder?: string,
): Promise<{ operation: OperationView; done: Promise<OperationView>; view: () => OperationView }> {
  const rt = b.fleet.reachable(hostId);
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const compose = input.compose ?? stack.compose;
  const env = input.env ?? stack.env;
  // the deploy reads a kept copy of the folder (a rollback: its version's), so an upload meanwhile changes nothing
  const folderSha = pastFolder ?? (await snapshotFolder(b, stack.id));
  const model = await modelOfAsync(b, compose, env, name, await folderFiles(b, stack.id, folderSha));
  // the stopped old containers of a pending two-phase upgrade would look like replicas to the planner
  const pending = await pendingUpgrade(rt.engine, stack.name);
  if (pending.old.length)
    throw conflict(`An upgrade of service ${pending.service} in ${stack.name} waits for Finish or Rollback: do one of them before deploying again`);
  const op = await beginOperation(b, hostId, name, kind, principal.name, opts.onlyService ? [opts.onlyService] : Object.keys(model.services));
  const done = runDeploy(b, principal, rt, stack, model, { compose, env, folderSha, restoreFolder: !!pastFolder }, op, opts).then(() => op.view());
  return { operation: op.view(), done, view: () => op.view() };
}

async function runDeploy(
  b: Berth,
  principal: Principal,
  rt: HostRuntime,
  stack: StackRecord,
  model: ComposeModel,
  files: DeployFiles,
  op: Operation,
  opts: PlanOptions,
): Promise<void> {
  const { id: hostId, engine, name: hostName } = rt;
  try {
    const pull = async (ref: string) => void (await pullImage(b, hostId, ref));
    // before the host is read, so the plan compares containers with the freshly pulled image ids
    await pullAlways(model, pull, (m) => op.note(m), opts.onlyService);
    const current = await readCurrentState(engine, stack.name, model);
    const builds = await buildsFor(b, engine, stack, model, opts, files.folderSha);
    const plan = markPulls(planPure(stack.name, model, current, { ...opts, builds: buildReasons(builds) }), model, opts.onlyService);
    op.note(`plan: ${plan.summary.create} to create, ${plan.summary.recreate} to recreate, ${plan.summary.remove} to remove, ${plan.summary.keep} unchanged`);
    await preflight(
      {
        engine,
        hostName,
        pull,
        checkContainer: (o, pending) => enforceContainerPolicy(b, principal, hostId, o, pending),
        checkVolume: (o) => enforceVolumePolicy(b, principal, hostId, o),
        onNote: (m) => op.note(m),
      },
      stack.name,
      model,
      plan,
      current,
    );
    const build = async (service: string, progress: { step(m: string): void; note(m: string): void }) =>
      void (await runBuild(b, hostId, builds.get(service)!, progress));
    await applyPlan({
      engine,
      project: stack.name,
      model,
      plan,
      current,
      progress: op,
      tag: deployTag(op.id),
      onlyService: opts.onlyService,
      build,
      ...deployTuning,
    });
    if (!opts.onlyService) {
      await addVersion(b.db, b.box, stack, files.compose, files.env, principal.name, files.folderSha);
      // a rollback's folder becomes the stack's folder again, as its file becomes the stored file
      if (files.restoreFolder && files.folderSha) await restoreFolder(b, stack.id, files.folderSha);
      await pruneFolderCopies(b, stack.id).catch((e) => console.warn(`berth: could not prune old folders of ${stack.name}: ${(e as Error).message}`));
    } else await updateStackFiles(b.db, b.box, stack.id, files.compose, files.env);
    await op.finish('succeeded');
  } catch (e) {
    await op.finish('failed', (e as Error).message || String(e));
    if (!(e instanceof BerthError) && (e as { name?: string }).name !== 'BerthError') console.error('berth: stack deploy failed', e);
    throw e;
  }
}

/** Deploys a version from the history again; it becomes a new version (so history only grows). */
export async function rollbackStack(b: Berth, principal: Principal, hostId: string, name: string, version: number, wait: boolean): Promise<OperationView> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const v = await getVersion(b.db, b.box, stack, version);
  if (v.folderSha) await requireFolderCopy(b, stack.id, v.folderSha, version);
  return deployStack(b, principal, hostId, name, { compose: v.compose, env: v.env, wait }, 'rollback', {}, v.folderSha ?? undefined);
}

/** Forgets a stack in Berth; refused while its containers exist (run down first), so nothing is orphaned. */
export async function forgetStack(b: Berth, hostId: string, name: string): Promise<void> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const left = await projectContainers(b.fleet.reachable(hostId).engine, name);
  if (left.length)
    throw new BerthError('conflict', `Stack ${name} still has ${plural(left.length, 'container')} on the host; run down first, then remove it from Berth`);
  await deleteStack(b.db, stack.id);
  await removeStackFolderById(b, stack.id);
  await removeFolderCopies(b, stack.id);
}
