import type Docker from 'dockerode';
import type { Engine } from '../docker/connect';
import * as containers from '../docker/container-calls';
import { createContainer } from '../docker/container-calls';
import { imageIdOf } from '../docker/images';
import { connectEndpoint } from '../docker/networks';
import { asideName } from '../containers/aside';
import { BerthError } from '../errors';
import { containerOptions } from './create-options';
import { L } from './labels';
import type { ComposeModel, DependsCondition, ServiceSpec } from './model';

/**
 * The container steps of a deploy, each usable on its own (scale, rolling upgrade and health-check recreation reuse
 * them): create a replica, replace one keeping the old container until the caller commits or undoes, wait for a
 * dependency condition.
 */
export interface StepContext {
  engine: Engine;
  project: string;
  model: ComposeModel;
}

/** Creates replica `n` of a service (not started) and connects its extra networks; returns the container id. */
export async function createReplica(ctx: StepContext, s: ServiceSpec, n: number): Promise<string> {
  const { create, extraNetworks } = containerOptions(ctx.project, ctx.model, s, n);
  // Compose v2 recreates a container whose com.docker.compose.image is not the id it resolves for the image
  const image = await imageIdOf(ctx.engine, s.image);
  if (image) create.Labels = { ...create.Labels, [L.image]: image };
  const id = await createContainer(ctx.engine, create);
  try {
    for (const net of extraNetworks) {
      await connectEndpoint(ctx.engine, net.name, id, { Aliases: net.aliases, ...(net.links.length ? { Links: net.links } : {}) });
    }
  } catch (e) {
    await removeContainer(ctx.engine, id).catch(() => undefined);
    throw e;
  }
  return id;
}

/**
 * containerd still holds a task (or container object) for the container: its daemon died during an earlier start of
 * it. Engine 20.10 then says "task <id>: already exists" or "id already in use", depending on how far that start got,
 * and every later start fails the same way; only a new container (a new id) helps.
 */
export const staleTask = (e: unknown): boolean => /\balready exists\b|\bid already in use\b/i.test((e as Error)?.message ?? '');

export async function startContainer(engine: Engine, id: string): Promise<void> {
  try {
    await containers.startContainer(engine, id);
  } catch (e) {
    // already started is fine; a stale task is not, though newer Engines may answer it with 409 too
    if ((e as BerthError).kind === 'conflict' && /already/i.test((e as Error).message) && !staleTask(e)) return;
    throw e;
  }
}

export async function stopContainer(engine: Engine, id: string): Promise<void> {
  try {
    await containers.stopContainer(engine, id);
  } catch (e) {
    if ((e as BerthError).kind === 'conflict' || (e as BerthError).kind === 'not_found') return;
    throw e;
  }
}

export async function removeContainer(engine: Engine, id: string): Promise<void> {
  try {
    await containers.removeContainer(engine, id);
  } catch (e) {
    if ((e as BerthError).kind === 'not_found') return;
    throw e;
  }
}

export const renameContainer = containers.renameContainer;

export async function inspectState(engine: Engine, id: string): Promise<Docker.ContainerInspectInfo['State']> {
  return (await containers.inspectRawContainer(engine, id)).State;
}

/** A replaced container: the old one is stopped and renamed aside until `commit` (remove it) or `undo` (bring it back). */
export interface Replacement {
  oldId: string;
  oldName: string;
  newId: string;
  wasRunning: boolean;
  commit(): Promise<void>;
  undo(): Promise<void>;
}

/**
 * Replaces one replica: stop the old container and rename it aside (its host ports and name are freed), create and
 * start the new one under the real name. Links and aliases by name keep working. On failure the new container is
 * removed and the old one is renamed back and restarted before the error is thrown.
 */
export async function replaceReplica(ctx: StepContext, s: ServiceSpec, n: number, oldId: string, oldName: string, tag: string): Promise<Replacement> {
  const { engine } = ctx;
  const wasRunning = (await inspectState(engine, oldId)).Running;
  await stopContainer(engine, oldId);
  await renameContainer(engine, oldId, asideName(oldName, tag));
  let newId: string | null = null;
  const undo = async () => {
    if (newId) await removeContainer(engine, newId).catch(() => undefined);
    await renameContainer(engine, oldId, oldName).catch(() => undefined);
    if (wasRunning) await startContainer(engine, oldId).catch(() => undefined);
  };
  try {
    newId = await createReplica(ctx, s, n);
    await startContainer(engine, newId);
  } catch (e) {
    await undo();
    throw e;
  }
  return { oldId, oldName, newId, wasRunning, commit: () => removeContainer(engine, oldId), undo };
}

/**
 * Waits until every container meets a depends_on condition: started (running), healthy (the Engine's healthcheck
 * says so; a container without a healthcheck counts as started, as compose does not allow that), or exited 0.
 */
export async function waitForCondition(engine: Engine, service: string, ids: string[], condition: DependsCondition, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const st = await inspectState(engine, id);
      if (condition === 'service_completed_successfully') {
        if (!st.Running && st.Status === 'exited') {
          if (st.ExitCode === 0) break;
          throw new BerthError('conflict', `${service} exited with code ${st.ExitCode}; services that depend on it completing successfully were not started`);
        }
      } else if (condition === 'service_healthy') {
        const h = st.Health?.Status;
        if (!st.Health)
          throw new BerthError('invalid', `${service} has no healthcheck, so "condition: service_healthy" can never be met; add a healthcheck to it`);
        if (h === 'healthy') break;
        if (h === 'unhealthy')
          throw new BerthError('conflict', `${service} is unhealthy: ${st.Health.Log?.at(-1)?.Output?.trim().slice(0, 200) || 'its healthcheck failed'}`);
        if (!st.Running) throw new BerthError('conflict', `${service} stopped (exit code ${st.ExitCode}) before it became healthy`);
      } else {
        if (st.Running) break;
        if (st.Status === 'exited' || st.Status === 'dead')
          throw new BerthError('conflict', `${service} exited with code ${st.ExitCode} right after starting; its logs say why`);
      }
      if (Date.now() > end)
        throw new BerthError(
          'conflict',
          `${service} did not become ${condition.replace('service_', '').replace('_', ' ')} within ${Math.round(timeoutMs / 1000)} s`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Runs at most `limit` async jobs at once. */
export function limiter(limit: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await job();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
