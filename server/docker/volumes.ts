import type Docker from 'dockerode';
import { formatBytes } from '@/lib/format';
import type { VolumeCreate } from '@/lib/schemas/volumes';
import type { ContainerState, ContainerUse, PruneResult, VolumeSummary } from '@/lib/types';
import { conflict, invalid, notFound } from '../errors';
import { speaks } from './api-version';
import { bodyOnly, call } from './call';
import type { Engine, HostEngine } from './connect';
import { rawContainers } from './container-calls';
import { engineError } from './engine-errors';
import { describeUsers } from './images';

const READ_TIMEOUT_MS = 15_000;
const WRITE_TIMEOUT_MS = 60_000;
/** measuring every volume's files on a big host takes a while */
const DF_TIMEOUT_MS = 120_000;
/** Marks what Berth created, so later features can tell it apart from what other tools made. */
export const MANAGED_LABEL = 'io.berth.managed';

// The Engine's container list with the fields the live cache does not keep (mounts, networks); volumes and networks
// need it because the cached summaries carry neither.
export { rawContainers };

/** Volumes as the Engine lists them (its `"Volumes": null` read as none). */
export async function rawVolumes(engine: Engine, filters?: Record<string, string[]>): Promise<Docker.VolumeInspectInfo[]> {
  const r = await call(
    engine,
    (abortSignal) => engine.docker.listVolumes({ filters: filters ? JSON.stringify(filters) : undefined, abortSignal } as object),
    READ_TIMEOUT_MS,
  );
  return r.Volumes ?? [];
}

export function inspectRawVolume(engine: Engine, name: string): Promise<Docker.VolumeInspectInfo> {
  return call(engine, (abortSignal) => engine.docker.getVolume(name).inspect({ abortSignal }), READ_TIMEOUT_MS);
}

/** Creates a volume from Engine options as given (a stack's volumes, with their compose labels). */
export async function createRawVolume(engine: Engine, opts: Docker.VolumeCreateOptions): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.createVolume({ ...bodyOnly(opts), abortSignal } as object as Docker.VolumeCreateOptions), WRITE_TIMEOUT_MS);
}

/** Removes a volume without the in-use check of removeVolume: for callers that removed its users themselves. */
export async function removeRawVolume(engine: Engine, name: string): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getVolume(name).remove({ abortSignal }), 30_000);
}

export const rawUse = (c: Docker.ContainerInfo): ContainerUse => ({
  id: c.Id,
  name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
  state: (c.State as ContainerState) ?? 'created',
});

export function usersByVolume(containers: Docker.ContainerInfo[]): Map<string, ContainerUse[]> {
  const m = new Map<string, ContainerUse[]>();
  for (const c of containers) {
    for (const mount of c.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const list = m.get(mount.Name) ?? [];
      if (!list.some((u) => u.id === c.Id)) list.push(rawUse(c));
      m.set(mount.Name, list);
    }
  }
  return m;
}

type RawVolume = Docker.VolumeInspectInfo & { CreatedAt?: string };

export function toVolume(hostId: string, v: RawVolume, users: ContainerUse[]): VolumeSummary {
  // The Engine fills UsageData only from /system/df (and writes -1 for "not computed"); a list never asks for it.
  const size = v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : null;
  return {
    hostId,
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint ?? '',
    scope: v.Scope ?? 'local',
    created: v.CreatedAt || null,
    labels: v.Labels ?? {},
    options: v.Options ?? {},
    size,
    usedBy: [...users].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** GET /system/df?type=volume; dockerode's df() sends no query, so the type would be lost. */
function diskUsage(engine: Engine, abortSignal: AbortSignal): Promise<{ Volumes?: RawVolume[] | null }> {
  return new Promise((resolve, reject) =>
    engine.docker.modem.dial(
      { path: '/system/df?', method: 'GET', options: { type: 'volume' }, abortSignal, statusCodes: { 200: true, 500: 'server error' } },
      (err, data) => (err ? reject(err) : resolve(data as { Volumes?: RawVolume[] | null })),
    ),
  );
}

/**
 * Volumes with the containers using each. With `sizes`, the list comes from the Engine's disk-usage report instead
 * (/system/df), the only place it measures volumes: that walks every volume's files, so it is asked for on request,
 * never on the live list. Engines from API 1.42 measure only volumes (type=volume); older ones measure everything.
 */
export async function listVolumes({ engine, id: hostId }: HostEngine, opts: { sizes?: boolean } = {}): Promise<VolumeSummary[]> {
  const [vols, containers] = await Promise.all([
    opts.sizes
      ? call(engine, (abortSignal) => diskUsage(engine, abortSignal), DF_TIMEOUT_MS).then((df) => df.Volumes)
      : call(engine, (abortSignal) => engine.docker.listVolumes({ abortSignal }), READ_TIMEOUT_MS).then((res) => res.Volumes as RawVolume[] | null),
    rawContainers(engine),
  ]);
  const users = usersByVolume(containers);
  // The Engine answers `"Volumes": null` when there are none.
  return (vols ?? []).map((v) => toVolume(hostId, v, users.get(v.Name) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
}

async function readVolume(engine: Engine, name: string): Promise<RawVolume> {
  try {
    return (await inspectRawVolume(engine, name)) as RawVolume;
  } catch (e) {
    const err = engineError(e, engine.target);
    if (err.kind === 'not_found') throw notFound(`No volume "${name}" on this host: it may have been removed`);
    throw err;
  }
}

async function volumeUsers(engine: Engine, name: string): Promise<ContainerUse[]> {
  // The "volume" filter also matches mount destinations; keep only real uses of this volume.
  return usersByVolume(await rawContainers(engine, { volume: [name] })).get(name) ?? [];
}

export async function inspectVolume({ engine, id: hostId }: HostEngine, name: string): Promise<VolumeSummary> {
  const v = await readVolume(engine, name);
  return toVolume(hostId, v, await volumeUsers(engine, name));
}

/**
 * Creates a volume. The Engine answers "created" for a name that already exists (and hands back the old volume),
 * so an existing name is refused here instead of silently reporting success with other options.
 */
export async function createVolume({ engine, id: hostId }: HostEngine, input: VolumeCreate): Promise<VolumeSummary> {
  if (input.name) {
    const existing = await readVolume(engine, input.name).catch(() => null);
    if (existing) throw conflict(`A volume named ${input.name} already exists on this host (driver ${existing.Driver}): choose another name`);
  }
  let created: Docker.Volume;
  try {
    created = await call(
      engine,
      (abortSignal) =>
        engine.docker.createVolume({
          ...bodyOnly({ Name: input.name, Driver: input.driver, DriverOpts: input.driverOpts, Labels: { ...input.labels, [MANAGED_LABEL]: 'true' } }),
          abortSignal,
        } as object as Docker.VolumeCreateOptions),
      WRITE_TIMEOUT_MS,
    );
  } catch (e) {
    const err = engineError(e, engine.target);
    // A missing plugin comes back as 404; for the person filling the form it is a wrong driver name.
    if (err.kind === 'not_found') throw invalid(`Volume driver "${input.driver}" is not available on this host: ${err.message}`);
    throw err;
  }
  return toVolume(hostId, await readVolume(engine, created.name), []);
}

export async function removeVolume(engine: Engine, name: string): Promise<{ ok: true; message: string }> {
  const v = await readVolume(engine, name);
  const users = await volumeUsers(engine, v.Name);
  if (users.length) {
    throw conflict(`Volume ${v.Name} is in use by ${describeUsers(users)}: remove ${users.length === 1 ? 'that container' : 'those containers'} first`);
  }
  await call(engine, (abortSignal) => engine.docker.getVolume(v.Name).remove({ abortSignal }), WRITE_TIMEOUT_MS);
  return { ok: true, message: `Removed volume ${v.Name}` };
}

/** Removes volumes no container uses (Engine 23+ limits this to anonymous volumes); reports names and space. */
export async function pruneVolumes(engine: Engine, labels: string[] = []): Promise<PruneResult> {
  // From API 1.42 the Engine prunes only anonymous volumes unless told `all`; Berth's prune means every unused
  // volume on every Engine, as it says in its confirmation
  const all = speaks(engine, '1.42') ? { all: ['true'] } : {};
  const filters = labels.length || Object.keys(all).length ? JSON.stringify({ ...all, ...(labels.length ? { label: labels } : {}) }) : undefined;
  const r = await call(engine, (abortSignal) => engine.docker.pruneVolumes({ filters, abortSignal }), WRITE_TIMEOUT_MS);
  const deleted = r.VolumesDeleted ?? [];
  const space = r.SpaceReclaimed ?? 0;
  const message = deleted.length
    ? `Removed ${deleted.length} unused ${deleted.length === 1 ? 'volume' : 'volumes'}, reclaimed ${formatBytes(space)}`
    : 'No unused volumes to remove';
  return { ok: true, message, deleted, spaceReclaimed: space };
}
