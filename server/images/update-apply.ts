import type { OperationView } from '@/lib/compose-types';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import { L } from '../compose/labels';
import { readLaunchInput, recreateContainer } from '../containers/recreate';
import { inspectRawContainer } from '../docker/container-calls';
import { engineError } from '../docker/engine-errors';
import { invalid, notFound } from '../errors';
import { folderFiles } from '../stacks/folder-files';
import { liveOperation } from '../stacks/operations';
import { findStack } from '../stacks/repo';
import { beginDeploy, finishedOperation, modelOfAsync } from '../stacks/service';
import { startUpgrade } from '../stacks/upgrade';
import { startTask } from '../tasks/registry';
import { pullImage } from './pull';
import { checkHost } from './updates';

export interface ImageUpdateResult {
  ok: true;
  message: string;
  /** a container on its own: the new container (same name, same settings) */
  container?: { id: string; name: string };
  /** a stack service: the deploy or rolling upgrade to follow */
  operation?: OperationView;
}

/** After an update, the reference is asked about again so the badge goes (or stays, saying why). */
const recheck = (b: Berth, hostId: string, ref: string) =>
  void checkHost(b, hostId, [ref]).catch((e: Error) => console.warn(`berth: re-checking ${ref} after its update failed: ${e.message}`));

/**
 * Update: brings a running container onto the registry's newer image under the same reference. A container on its
 * own is pulled and recreated with its settings kept (Edit & recreate's path, in the Tasks panel). A service of a
 * Berth stack is pulled and the stack deployed through the plan, which says "image id changed" for its containers and
 * recreates them; where the service has a health check, the two-phase rolling upgrade runs instead (Finish/Rollback).
 */
export async function updateContainerImage(b: Berth, principal: Principal, hostId: string, cid: string, wait: boolean): Promise<ImageUpdateResult> {
  const rt = b.fleet.reachable(hostId);
  const raw = await inspectRawContainer(rt.engine, cid).catch((e) => {
    const err = engineError(e, rt.engine.target);
    throw err.kind === 'not_found' ? notFound(`No container "${cid}" on host ${rt.name}: it may have been removed`) : err;
  });
  const name = raw.Name.replace(/^\//, '');
  const ref = raw.Config.Image;
  if (ref.includes('@') || /^(sha256:)?[0-9a-f]{12,64}$/.test(ref))
    throw invalid(`${name} was made from ${ref}, which names one image and cannot move: recreate it from a tag (Edit & recreate) to update it`);
  const project = raw.Config.Labels?.[L.project];
  if (project) return updateStackService(b, principal, hostId, project, raw.Config.Labels[L.service], ref, wait);

  let container: { id: string; name: string } | undefined;
  const { done } = startTask(
    b,
    'recreate',
    `Update ${name} to the newest ${ref}`,
    hostId,
    async (report) => {
      report.progress(0.05, `Pulling ${ref}`);
      await pullImage(b, hostId, ref);
      const input = await readLaunchInput(b, hostId, raw.Id, 'recreate');
      const c = await recreateContainer(b, principal, hostId, raw.Id, { ...input, image: ref, pullIfMissing: false }, (what, f) =>
        report.progress(0.2 + f * 0.8, what),
      );
      container = { id: c.id, name: c.name };
      return container;
    },
    { by: principal.name },
  );
  if (!wait) {
    void done.then(
      () => recheck(b, hostId, ref),
      () => undefined,
    );
    return { ok: true, message: `Updating ${name}: pulling ${ref}, then recreating it with its settings kept` };
  }
  await done;
  recheck(b, hostId, ref);
  return { ok: true, message: `Pulled ${ref} and recreated ${name} on it`, container };
}

async function updateStackService(
  b: Berth,
  principal: Principal,
  hostId: string,
  project: string,
  service: string | undefined,
  ref: string,
  wait: boolean,
): Promise<ImageUpdateResult> {
  const stack = await findStack(b.db, b.box, hostId, project);
  if (!stack)
    throw invalid(
      `This container belongs to compose project ${project}, which Berth does not manage: adopt it on the Stacks page to update it here, or run \`docker compose pull && docker compose up -d\` where it was started`,
    );
  const model = await modelOfAsync(b, stack.compose, stack.env, project, await folderFiles(b, stack.id));
  const svc = service ? model.services[service] : undefined;
  if (!service || !svc) throw invalid(`Stack ${project} has no service ${service ?? '(unnamed)'} in its file any more: deploy the stack to update it`);
  await pullImage(b, hostId, svc.image);
  const checked = Boolean(svc.berthHealth || (svc.healthcheck && !svc.healthcheckDisabled));
  let operation: OperationView;
  if (checked) {
    operation = await startUpgrade(b, principal, hostId, project, { service, batchSize: 1, intervalMs: 2000, startFirst: false, wait });
  } else {
    // a whole deploy of the stored file, not a one-service one: that mode (scale's) never recreates what exists, and
    // the plan recreates only what differs, here the containers whose image id changed with the pull
    const started = await beginDeploy(b, principal, hostId, project, {}, 'deploy');
    started.done.catch(() => undefined);
    operation = wait ? await finishedOperation(started.done, started.view) : started.operation;
  }
  const op = liveOperation(b, operation.id);
  if (op && op.status === 'running') {
    const off = op.onChange(() => {
      if (op.status === 'running') return;
      off();
      recheck(b, hostId, ref);
    });
  } else recheck(b, hostId, ref);
  const how = checked ? 'a rolling upgrade (Finish or Rollback when it is done)' : 'a deploy of the stack through the plan';
  return { ok: true, message: `Pulled ${svc.image}; ${service} of ${project} is updated by ${how}`, operation };
}
