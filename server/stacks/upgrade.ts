import type Docker from 'dockerode';
import { parseDocument } from 'yaml';
import type { OperationView } from '@/lib/compose-types';
import type { StackUpgrade } from '@/lib/schemas/stacks-upgrade';
import { enforceContainerPolicy } from '../auth/policy-effective';
import type { Principal } from '../auth/policy';
import { createReplica, removeContainer, renameContainer, replaceReplica, startContainer, stopContainer } from '../compose/apply-steps';
import { containerOptions } from '../compose/create-options';
import { projectContainers } from '../compose/host-state';
import { imageIdOf } from '../docker/images';
import { L } from '../compose/labels';
import type { ComposeModel } from '../compose/model';
import { fixedPorts } from '../compose/preflight';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { BerthError, invalid } from '../errors';
import { pullImage } from '../images/pull';
import { folderFiles } from './folder-files';
import { beginOperation, type Operation } from './operations';
import { addVersion, getStackRecord, getVersion, updateStackFiles } from './repo';
import { modelOfAsync } from './service';
import { pendingUpgrade, type PendingUpgrade } from './upgrade-pending';

export { pendingUpgrade, type PendingUpgrade } from './upgrade-pending';
import { asideName, upgradeTag } from '../containers/aside';
import { batches } from './upgrade-batches';
import { waitHealthy } from './upgrade-health';
import { snapshotFolder } from './folder-versions';
import { probeConfig } from '../health/probe';
import { plural } from '@/lib/words';

/**
 * Rancher's two-phase rolling upgrade of one service. Phase one (start): batch by batch, each old replica is stopped
 * (stop-first) or kept running until its successor is healthy (start-first), renamed aside and replaced by a new one
 * under its name; the next batch waits until the new ones pass their health check and the interval has passed. The
 * old containers stay, stopped, until phase two: Finish removes them, Rollback removes the new ones and starts the old
 * ones again. A failure in phase one undoes the batches already done.
 */

/** Sets one service's image in the YAML text, keeping the rest of the file (comments included) as it is. */
export function setImage(compose: string, model: ComposeModel, service: string, image: string): string {
  const doc = parseDocument(compose);
  doc.setIn(model.legacy ? [service, 'image'] : ['services', service, 'image'], image);
  return doc.toString();
}

const until = async <T>(p: Promise<T>, wait: boolean) => {
  if (!wait) {
    p.catch(() => undefined);
    return;
  }
  await p;
};

export async function startUpgrade(b: Berth, principal: Principal, hostId: string, name: string, input: StackUpgrade): Promise<OperationView> {
  const engine = b.fleet.reachable(hostId).engine;
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const env = input.env ?? stack.env;
  let compose = input.compose ?? stack.compose;
  const folder = await folderFiles(b, stack.id);
  const before = await modelOfAsync(b, compose, env, name, folder);
  if (!before.services[input.service]) throw invalid(`Stack ${name} has no service ${input.service} (it has: ${Object.keys(before.services).join(', ')})`);
  if (input.image) compose = setImage(compose, before, input.service, input.image);
  const model = await modelOfAsync(b, compose, env, name, folder);
  const svc = model.services[input.service];
  if (input.startFirst && fixedPorts(model, input.service).length) {
    throw invalid(
      `${input.service} publishes host port ${fixedPorts(model, input.service).join(', ')}, so old and new containers cannot run at once; upgrade it stop-first`,
    );
  }
  const pending = await pendingUpgrade(engine, name);
  if (pending.old.length) throw new BerthError('conflict', `Stack ${name} has an upgrade of ${pending.service} waiting for Finish or Rollback; end it first`);
  const current = (await projectContainers(engine, name))
    .filter((c) => c.Labels[L.service] === input.service && c.Labels[L.oneoff] !== 'True')
    .sort((x, y) => Number(x.Labels[L.number]) - Number(y.Labels[L.number]));
  if (!current.length) throw invalid(`${input.service} has no containers on the host; deploy the stack first`);
  for (const c of current)
    await enforceContainerPolicy(b, principal, hostId, containerOptions(name, model, svc, Number(c.Labels[L.number])).create as Docker.ContainerCreateOptions);

  const op = await beginOperation(b, hostId, name, 'upgrade', principal.name, [input.service]);
  const run = (async () => {
    const done: { undo(): Promise<void> }[] = [];
    try {
      if (!(await imageIdOf(engine, svc.image))) {
        op.step(input.service, 'working', `pulling ${svc.image}`);
        await pullImage(b, hostId, svc.image);
      }
      // the new containers' external check needs the probe image; missing, it is Berth's problem, so get it first
      if (svc.berthHealth && !(await imageIdOf(engine, probeConfig.image))) {
        op.step(input.service, 'working', `pulling the health probe image ${probeConfig.image}`);
        await pullImage(b, hostId, probeConfig.image).catch((e: Error) => {
          throw new BerthError(
            'engine',
            `The health probe image ${probeConfig.image} (BERTH_HEALTH_PROBE_IMAGE) is not on this host and could not be pulled, so the new containers cannot be checked: ${e.message}. Nothing was changed`,
          );
        });
      }
      const ctx = { engine, project: name, model };
      const tag = upgradeTag(op.id);
      const groups = batches(current, input.batchSize);
      for (const [i, group] of groups.entries()) {
        if (i > 0 && input.intervalMs) await new Promise((r) => setTimeout(r, input.intervalMs));
        op.step(input.service, 'working', `batch ${i + 1} of ${groups.length}: ${group.map((c) => c.Names[0].replace(/^\//, '')).join(', ')}`);
        await Promise.all(
          group.map(async (c) => {
            const n = Number(c.Labels[L.number]);
            const cname = c.Names[0].replace(/^\//, '');
            let newId: string;
            if (input.startFirst) {
              await renameContainer(engine, c.Id, asideName(cname, tag));
              const undo = async () => {
                if (newId) await removeContainer(engine, newId).catch(() => undefined);
                await renameContainer(engine, c.Id, cname).catch(() => undefined);
                await startContainer(engine, c.Id).catch(() => undefined);
              };
              done.push({ undo });
              newId = await createReplica(ctx, svc, n);
              await startContainer(engine, newId);
            } else {
              const r = await replaceReplica(ctx, svc, n, c.Id, cname, tag);
              newId = r.newId;
              done.push(r);
            }
            const how = await waitHealthy(b, engine, hostId, svc, newId, cname);
            if (input.startFirst) await stopContainer(engine, c.Id);
            op.step(input.service, 'working', `${cname} upgraded: ${how}; the old container is kept stopped`);
          }),
        );
      }
      await updateStackFiles(b.db, b.box, stack.id, compose, env);
      op.step(input.service, 'done', `${plural(current.length, 'container')} upgraded; Finish removes the old ones, Rollback brings them back`);
      await op.finish('succeeded');
    } catch (e) {
      op.note(`upgrade failed: ${(e as Error).message}; putting the old containers back`);
      for (const d of done.reverse()) await d.undo().catch(() => undefined);
      await op.finish('failed', (e as Error).message);
      throw e;
    }
  })();
  await until(run, input.wait);
  return op.view();
}

async function endUpgrade(
  b: Berth,
  principal: Principal,
  hostId: string,
  name: string,
  kind: 'upgrade-finish' | 'upgrade-rollback',
  wait: boolean,
  work: (engine: Engine, p: PendingUpgrade, op: Operation) => Promise<void>,
): Promise<OperationView> {
  const engine = b.fleet.reachable(hostId).engine;
  await getStackRecord(b.db, b.box, hostId, name);
  const p = await pendingUpgrade(engine, name);
  if (!p.old.length) throw new BerthError('conflict', `Stack ${name} has no upgrade waiting for Finish or Rollback`);
  const op = await beginOperation(b, hostId, name, kind, principal.name, [p.service ?? 'service']);
  const run = work(engine, p, op).then(
    () => op.finish('succeeded'),
    async (e) => {
      await op.finish('failed', (e as Error).message);
      throw e;
    },
  );
  await until(run, wait);
  return op.view();
}

/** Phase two, accept: the old containers are removed and the upgraded file becomes a version in the history. */
export function finishUpgrade(b: Berth, principal: Principal, hostId: string, name: string, wait: boolean): Promise<OperationView> {
  return endUpgrade(b, principal, hostId, name, 'upgrade-finish', wait, async (engine, p, op) => {
    for (const o of p.old) {
      await removeContainer(engine, o.id);
      op.step(p.service ?? 'service', 'working', `removed ${o.name}`);
    }
    const stack = await getStackRecord(b.db, b.box, hostId, name);
    await addVersion(b.db, b.box, stack, stack.compose, stack.env, principal.name, await snapshotFolder(b, stack.id));
    op.step(p.service ?? 'service', 'done', 'upgrade finished');
  });
}

/** Phase two, undo: the new containers are removed, the old ones get their names back and start; the file is restored. */
export function rollbackUpgrade(b: Berth, principal: Principal, hostId: string, name: string, wait: boolean): Promise<OperationView> {
  return endUpgrade(b, principal, hostId, name, 'upgrade-rollback', wait, async (engine, p, op) => {
    const all = await projectContainers(engine, name);
    for (const o of p.old) {
      const replacement = all.find((c) => c.Names.includes(`/${o.originalName}`));
      if (replacement) await removeContainer(engine, replacement.Id);
      await renameContainer(engine, o.id, o.originalName);
      await startContainer(engine, o.id);
      op.step(p.service ?? 'service', 'working', `${o.originalName} rolled back`);
    }
    const stack = await getStackRecord(b.db, b.box, hostId, name);
    if (stack.deployedVersion) {
      const v = await getVersion(b.db, b.box, stack, stack.deployedVersion);
      await updateStackFiles(b.db, b.box, stack.id, v.compose, v.env);
    }
    op.step(p.service ?? 'service', 'done', 'rolled back to the previous containers');
  });
}
