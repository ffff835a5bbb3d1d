import type { ServiceDetail } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { removeService as removeEngineService, updateService } from '../docker/service-calls';
import { serviceMode } from '../docker/swarm-services';
import { conflict } from '../errors';
import { managerOf } from './environment';
import { dropServiceSnapshot } from './service-snapshot';
import { getService, readService } from './services';
import { retryOutOfSequence } from './version';

interface ActionAnswer {
  ok: true;
  message: string;
  service: ServiceDetail;
  warnings: string[];
}

const replicasWord = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;

/**
 * Sets a replicated service's replicas: one update of its spec at the version just read (one retry on a version
 * conflict). Global services and jobs are refused before anything is sent: a global service runs one task on each
 * eligible node, so its count follows the nodes, not a number.
 */
export async function scaleService(b: Berth, hostId: string, ref: string, replicas: number): Promise<ActionAnswer> {
  const { host } = await managerOf(b, hostId);
  const first = await readService(host, ref);
  const name = first.Spec.Name;
  const mode = serviceMode(first.Spec);
  if (mode === 'global')
    throw conflict(
      `Service ${name} is global: it runs one task on every eligible node, so it cannot be scaled to a number. Its tasks follow the nodes: change its placement constraints or the nodes' availability, or recreate it as a replicated service.`,
    );
  if (mode !== 'replicated')
    throw conflict(`Service ${name} is a ${mode}: a job runs to completion and cannot be scaled; run it again with other completions instead.`);
  let from = 0;
  const warnings = await retryOutOfSequence(async () => {
    const s = await readService(host, first.ID);
    from = s.Spec.Mode?.Replicated?.Replicas ?? 1;
    if (from === replicas) return [];
    return updateService(host.engine, s.ID, s.Version.Index, { ...s.Spec, Mode: { Replicated: { Replicas: replicas } } });
  });
  dropServiceSnapshot(b, hostId);
  const message =
    from === replicas ? `Service ${name} already has ${replicasWord(replicas)}: nothing changed` : `Service ${name}: ${from} → ${replicasWord(replicas)}`;
  return { ok: true, message, service: await getService(b, hostId, first.ID), warnings };
}

/**
 * Asks the Engine to go back to the service's previous spec, which it keeps after every update (the rollback then
 * rolls out like an update, honouring the rollback config). Refused when there is none: the service was never updated.
 */
export async function rollbackService(b: Berth, hostId: string, ref: string): Promise<ActionAnswer> {
  const { host } = await managerOf(b, hostId);
  const first = await readService(host, ref);
  const name = first.Spec.Name;
  if (!first.PreviousSpec)
    throw conflict(`Service ${name} has no previous version to roll back to: it has not been updated since it was created. Nothing was changed.`);
  if (first.UpdateStatus?.State === 'rollback_started')
    throw conflict(`Service ${name} is already rolling back: wait for it to finish (its update status shows progress).`);
  const warnings = await retryOutOfSequence(async () => {
    const s = await readService(host, first.ID);
    return updateService(host.engine, s.ID, s.Version.Index, s.Spec, { rollback: true });
  });
  dropServiceSnapshot(b, hostId);
  return { ok: true, message: `Service ${name}: rolling back to its previous version`, service: await getService(b, hostId, first.ID), warnings };
}

/** Removes the service; the Engine stops its tasks on their nodes (each within its stop grace period). */
export async function removeService(b: Berth, hostId: string, ref: string): Promise<{ ok: true; message: string }> {
  const { host } = await managerOf(b, hostId);
  const s = await readService(host, ref);
  await removeEngineService(host.engine, s.ID);
  dropServiceSnapshot(b, hostId);
  const stack = s.Spec.Labels?.['com.docker.stack.namespace'];
  return {
    ok: true,
    message: `Removed service ${s.Spec.Name}${stack ? ` (of stack ${stack}: a new "docker stack deploy" would bring it back)` : ''}; its tasks are stopping on their nodes`,
  };
}
