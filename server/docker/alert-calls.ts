import { call } from './call';
import type { Engine } from './connect';
import { createContainer, removeContainer, startContainer, waitContainer } from './container-calls';

/**
 * The Engine calls of the disk-usage alert (server/alerts/disk.ts). The Engine says where its data root is (/info
 * DockerRootDir) and what Docker itself uses (/system/df), but never how full the filesystem under it is. For that a
 * tiny one-shot container runs `df` on the data root, bind-mounted read-only: the same answer `df` gives on the host,
 * for socket, TCP and SSH hosts alike, with no shell text (an argument array).
 */

export const DISK_LABEL = 'io.berth.alert-disk-check';

export async function dataRoot(engine: Engine): Promise<string | null> {
  const info = (await call(engine, (abortSignal) => (engine.docker.info as (o: object) => Promise<unknown>)({ abortSignal }))) as {
    DockerRootDir?: string;
    OSType?: string;
  };
  return info.OSType === 'linux' && info.DockerRootDir ? info.DockerRootDir : null;
}

/** Docker's own total: image layers, containers' writable layers, volumes and build cache, in bytes. */
export async function dockerTotal(engine: Engine): Promise<number> {
  const df = (await call(engine, (abortSignal) => (engine.docker.df as (o: object) => Promise<unknown>)({ abortSignal }), 60_000)) as {
    LayersSize?: number;
    Containers?: { SizeRw?: number }[];
    Volumes?: { UsageData?: { Size?: number } }[];
    BuildCache?: { Size?: number; Shared?: boolean }[];
  };
  let total = df.LayersSize ?? 0;
  for (const c of df.Containers ?? []) total += Math.max(0, c.SizeRw ?? 0);
  for (const v of df.Volumes ?? []) total += Math.max(0, v.UsageData?.Size ?? 0);
  for (const b of df.BuildCache ?? []) if (!b.Shared) total += Math.max(0, b.Size ?? 0);
  return total;
}

/** `df -P -k` of the data root's filesystem, from a one-shot container of `image`; bytes and percent used. */
export async function dataRootUsage(engine: Engine, image: string, root: string): Promise<{ used: number; size: number; percent: number }> {
  const id = await createContainer(
    engine,
    {
      Image: image,
      Cmd: ['df', '-P', '-k', '/berth-data-root'],
      Tty: true,
      Labels: { [DISK_LABEL]: 'true' },
      HostConfig: { Binds: [`${root}:/berth-data-root:ro`], NetworkMode: 'none', LogConfig: { Type: 'json-file', Config: {} } },
    },
    15_000,
  );
  try {
    await startContainer(engine, id, 15_000);
    const { StatusCode } = await waitContainer(engine, id, 15_000);
    const out = String(await call(engine, (abortSignal) => engine.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, abortSignal })));
    if (StatusCode !== 0) throw new Error(`df in ${image} exited with code ${StatusCode}: ${out.trim().slice(0, 200)}`);
    return parseDf(out);
  } finally {
    await removeContainer(engine, id, { ms: 15_000 }).catch(() => undefined);
  }
}

/** The last line of `df -P -k`: filesystem, 1024-blocks, used, available, capacity, mount point. */
export function parseDf(out: string): { used: number; size: number; percent: number } {
  const lines = out.trim().split(/\r?\n/).filter(Boolean);
  const cols = (lines[lines.length - 1] ?? '').trim().split(/\s+/);
  const used = Number(cols[2]);
  const avail = Number(cols[3]);
  if (cols.length < 6 || !Number.isFinite(used) || !Number.isFinite(avail) || used + avail <= 0)
    throw new Error(`df printed something unexpected: ${out.trim().slice(0, 200)}`);
  // df's own rounding: used / (used + available), rounded up
  return { used: used * 1024, size: (used + avail) * 1024, percent: Math.ceil((used * 100) / (used + avail)) };
}
