import type Docker from 'dockerode';
import type { Launch } from '@/lib/schemas/launch';
import type { ContainerDetail } from '@/lib/types';
import { enforceContainerPolicy } from '../auth/policy-effective';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import { inspectContainer } from '../docker/containers';
import { inspectRawContainer, removeContainer, renameContainer, startContainer, stopContainer } from '../docker/container-calls';
import { inspectRawImage } from '../docker/images';
import { rawInfo } from '../docker/info';
import type { Engine } from '../docker/connect';
import { engineError } from '../docker/engine-errors';
import { BerthError, notFound } from '../errors';
import { type FromInspectMode, type ImageDefaults, launchFromInspect } from './from-inspect';
import { extendedFromInspect } from './from-inspect-extended';
import type { DaemonDefaults } from './inspect-defaults';
import { createFrom, joinNetworks, pullAsTask, startCreated } from './launch';
import { recreateNames } from './aside';
import { ensureImage, removeQuietly } from './launch-engine';
import { toCreateOptions } from './launch-options';

async function rawInspect(engine: Engine, cid: string): Promise<Docker.ContainerInspectInfo> {
  try {
    return await inspectRawContainer(engine, cid);
  } catch (e) {
    const err = engineError(e, engine.target);
    throw err.kind === 'not_found' ? notFound(`No container "${cid}" on this host: it may have been removed`) : err;
  }
}

/** The image's own config, to tell what the container inherited from what was chosen; null once the image is gone. */
async function imageDefaults(engine: Engine, imageId: string): Promise<ImageDefaults | null> {
  const img = await inspectRawImage(engine, imageId).catch(() => null);
  return (img?.Config as ImageDefaults | undefined) ?? null;
}

/** What the daemon fills in for containers that did not ask (log driver, runtime, cgroup namespace); null if unknown. */
async function daemonDefaults(engine: Engine): Promise<DaemonDefaults | null> {
  const info = await rawInfo(engine).catch(() => null);
  return info ? { cgroupVersion: info.CgroupVersion, loggingDriver: info.LoggingDriver, defaultRuntime: info.DefaultRuntime } : null;
}

/** An existing container as launch input, for the "Duplicate" and "Edit & recreate" forms. */
export async function readLaunchInput(b: Berth, hostId: string, cid: string, mode: FromInspectMode): Promise<Launch> {
  const engine = b.fleet.reachable(hostId).engine;
  const c = await rawInspect(engine, cid);
  const [image, daemon] = await Promise.all([imageDefaults(engine, c.Image), daemonDefaults(engine)]);
  return launchFromInspect(c, image, mode, daemon);
}

/**
 * Input that does not say which other Engine settings to use (an API client that only edits the form's fields) keeps
 * the old container's, read from its inspect now: recreate never drops a setting nobody asked to drop.
 */
async function keepAdvanced(engine: Engine, input: Launch, old: Docker.ContainerInspectInfo): Promise<Launch> {
  if (input.advanced) return input;
  const [image, daemon] = await Promise.all([imageDefaults(engine, old.Image), daemonDefaults(engine)]);
  return { ...input, advanced: extendedFromInspect(old, 'recreate', daemon, image).advanced };
}

/** Anonymous volumes of the old container keep their data: a row left without a source reuses the one at its path. */
export function keepAnonymousVolumes(input: Launch, old: Docker.ContainerInspectInfo): Launch {
  const byTarget = new Map(
    (old.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name)).map((m) => [m.Destination, m.Name!]),
  );
  return {
    ...input,
    volumes: input.volumes.map((v) => (v.type === 'anonymous' && !v.source && byTarget.has(v.target) ? { ...v, source: byTarget.get(v.target)! } : v)),
  };
}

/**
 * Edit & recreate, done so that a failure leaves the old container as it was: the new container is created under a
 * temporary name first (image, settings and networks all checked by the Engine while the old one still runs), then
 * the old one is renamed aside and stopped, the new one takes the name and starts. If that start fails, the new one
 * is removed and the old one gets its name back (and is started again if it was running). The old container is
 * removed only once the new one runs; named and anonymous volumes are kept and mounted into the new one.
 */
export async function recreateContainer(
  b: Berth,
  principal: Principal,
  hostId: string,
  cid: string,
  edited: Launch,
  step: (what: string, fraction: number) => void = () => {},
): Promise<ContainerDetail> {
  const rt = b.fleet.reachable(hostId);
  const engine = rt.engine;
  const hostName = rt.record.name;
  const old = await rawInspect(engine, cid);
  const name = old.Name.replace(/^\//, '');
  const input = await keepAdvanced(engine, keepAnonymousVolumes({ ...edited, name }, old), old);
  const names = recreateNames(name);
  const plan = toCreateOptions(input, names.temporary);
  await enforceContainerPolicy(b, principal, hostId, plan.create);
  step(`Checking image ${input.image}`, 0.1);
  await ensureImage(engine, input.image, input.pullIfMissing, hostName, pullAsTask(b, hostId, principal));

  step('Creating the new container', 0.3);
  const newId = await createFrom(engine, plan, hostName);
  const wasRunning = Boolean(old.State?.Running || old.State?.Paused || old.State?.Restarting);
  let oldRenamed = false;
  try {
    await joinNetworks(engine, newId, plan.extraNetworks, hostName);
    // Renamed aside before it is stopped: a container made with --rm (AutoRemove) is gone once stopped.
    await renameContainer(engine, old.Id, names.aside);
    oldRenamed = true;
    if (wasRunning) step(`Stopping ${name}`, 0.5);
    if (wasRunning) await stopContainer(engine, old.Id, 60_000);
    await renameContainer(engine, newId, name);
    step('Starting the new container', 0.7);
    await startCreated(engine, newId, hostName);
  } catch (e) {
    step(`Failed; putting ${name} back`, 0.9);
    await removeQuietly(engine, newId, false);
    const restored = await restore(engine, old.Id, name, oldRenamed, wasRunning);
    const err = e as BerthError;
    throw new BerthError(err.kind ?? 'engine', `${err.message ?? String(e)}. ${restored}`);
  }
  step(`Removing the old ${name}`, 0.9);
  // Stopped and renamed aside above; volumes stay (v: false) since the new container mounts them.
  await removeContainer(engine, old.Id, { ms: 60_000 }).catch(() => undefined);
  return inspectContainer(rt, newId);
}

async function restore(engine: Engine, oldId: string, name: string, renamed: boolean, wasRunning: boolean): Promise<string> {
  try {
    if (renamed) await renameContainer(engine, oldId, name);
    if (wasRunning)
      await startContainer(engine, oldId).catch((e) => {
        if (engineError(e, engine.target).kind !== 'conflict') throw e;
      });
    return `Nothing was changed: container ${name} is back as it was${wasRunning ? ' and running' : ''}.`;
  } catch (e) {
    return `Restoring container ${name} failed too (${(e as Error).message}): check it on the host.`;
  }
}
