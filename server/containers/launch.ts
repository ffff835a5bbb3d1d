import type { Launch } from '@/lib/schemas/launch';
import type { ContainerDetail } from '@/lib/types';
import { enforceContainerPolicy } from '../auth/policy-effective';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import { inspectContainer } from '../docker/containers';
import { connectEndpoint } from '../docker/networks';
import { createContainer, startContainer } from '../docker/container-calls';
import type { Engine } from '../docker/connect';
import { engineError } from '../docker/engine-errors';
import type { BerthError } from '../errors';
import { startPullTask } from '../images/pull';
import { ensureImage, explainCreateFailure, explainStartFailure, removeQuietly } from './launch-engine';
import { type LaunchPlan, type NetworkJoin, toCreateOptions } from './launch-options';

export interface LaunchResult {
  container: ContainerDetail;
  /** whether the image had to be pulled first */
  pulled: boolean;
}

/** Pulls show in the background-task panel with per-layer progress, using the registry's stored credentials. */
export const pullAsTask = (b: Berth, hostId: string, principal: Principal) => (ref: string) => startPullTask(b, hostId, ref, { by: principal.name }).done;

const asBerth = (e: unknown, engine: Engine): BerthError => engineError(e, engine.target);

/** Creates the container; the Engine's refusals (name taken, bad settings) are said with the name and host. */
export async function createFrom(engine: Engine, plan: LaunchPlan, hostName: string): Promise<string> {
  try {
    return await createContainer(engine, plan.create);
  } catch (e) {
    throw explainCreateFailure(asBerth(e, engine), plan.create.name, hostName);
  }
}

export async function joinNetworks(engine: Engine, id: string, nets: NetworkJoin[], hostName: string): Promise<void> {
  for (const n of nets) {
    try {
      await connectEndpoint(engine, n.name, id, n.endpoint);
    } catch (e) {
      const err = asBerth(e, engine);
      throw err.kind === 'not_found' ? explainCreateFailure(err, undefined, hostName) : err;
    }
  }
}

export async function startCreated(engine: Engine, id: string, hostName: string): Promise<void> {
  try {
    await startContainer(engine, id);
  } catch (e) {
    throw await explainStartFailure(engine, asBerth(e, engine), hostName, id);
  }
}

/**
 * Launch: check the access policy on the exact create options → make sure the image is there (pulling it if allowed)
 * → create → join the extra networks → start. If any step after create fails, the container is removed again, so a
 * failed launch never leaves a half-made container behind; the error says what went wrong.
 */
export async function launchContainer(b: Berth, principal: Principal, hostId: string, input: Launch): Promise<LaunchResult> {
  const rt = b.fleet.reachable(hostId);
  const engine = rt.engine;
  const hostName = rt.record.name;
  const plan = toCreateOptions(input);
  await enforceContainerPolicy(b, principal, hostId, plan.create);
  const { pulled } = await ensureImage(engine, input.image, input.pullIfMissing, hostName, pullAsTask(b, hostId, principal));
  const id = await createFrom(engine, plan, hostName);
  try {
    await joinNetworks(engine, id, plan.extraNetworks, hostName);
    await startCreated(engine, id, hostName);
  } catch (e) {
    // Anonymous volumes this launch made go with it; volumes reused by name are never removed.
    await removeQuietly(engine, id, !input.volumes.some((v) => v.type === 'anonymous' && v.source));
    throw e;
  }
  return { container: await inspectContainer(rt, id), pulled };
}
