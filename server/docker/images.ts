import type Docker from 'dockerode';
import { formatBytes, shortId } from '@/lib/format';
import { splitRepoTag } from '@/lib/schemas/images';
import type { ContainerSummary, ContainerUse, ImageDetail, ImageLayer, ImageSummary, PruneResult, RemoveResult } from '@/lib/types';
import { conflict, notFound } from '../errors';
import { call } from './call';
import type { Engine, HostEngine } from './connect';
import { listContainers } from './containers';
import { engineError } from './engine-errors';

const READ_TIMEOUT_MS = 15_000;
const WRITE_TIMEOUT_MS = 120_000;
export const NONE = '<none>';
const ACTIVE = new Set(['running', 'paused', 'restarting']);

export const usageOf = (c: Pick<ContainerSummary, 'id' | 'name' | 'state'>): ContainerUse => ({ id: c.id, name: c.name, state: c.state });

/** "container web-1 (running)", "containers a (running), b (exited) and 3 more": refusals name who is in the way. */
export function describeUsers(users: ContainerUse[]): string {
  const named = users.slice(0, 5).map((u) => `${u.name} (${u.state})`);
  const more = users.length > 5 ? ` and ${users.length - 5} more` : '';
  return `${users.length === 1 ? 'container' : 'containers'} ${named.join(', ')}${more}`;
}

/** The Engine writes "<none>:<none>" and "<none>@<none>" for missing references; they are not names. */
const real = (refs: string[] | null | undefined) => (refs ?? []).filter((r) => !r.startsWith('<none>'));

/** One row per repo:tag, so each tag can be removed on its own; untagged images are one `<none>` row. */
export function toImageRows(hostId: string, raw: Docker.ImageInfo[], containers: ContainerSummary[]): ImageSummary[] {
  const users = new Map<string, ContainerUse[]>();
  for (const c of containers) users.set(c.imageId, [...(users.get(c.imageId) ?? []), usageOf(c)]);
  const rows: ImageSummary[] = [];
  for (const img of raw) {
    const tags = real(img.RepoTags);
    const digests = real(img.RepoDigests);
    const base = {
      hostId,
      id: img.Id,
      digests,
      parentId: img.ParentId || null,
      size: img.Size,
      created: img.Created,
      labels: img.Labels ?? {},
      tagCount: tags.length,
      usedBy: (users.get(img.Id) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
    };
    if (tags.length === 0) {
      // Known only by digest (pulled by digest, or its tag moved on): the repository is still worth showing.
      const repo = digests.length ? digests[0].split('@')[0] : NONE;
      rows.push({ ...base, ref: null, repo, tag: NONE, dangling: digests.length === 0 });
      continue;
    }
    for (const t of tags) rows.push({ ...base, ref: t, ...splitRepoTag(t), dangling: false });
  }
  return rows.sort((a, b) => b.created - a.created || (a.ref ?? '').localeCompare(b.ref ?? ''));
}

/** Lists images without sizes of containers or shared-size accounting (both make the Engine walk every layer). */
export async function listImages({ engine, id: hostId }: HostEngine, containers: ContainerSummary[], q: { dangling?: boolean } = {}): Promise<ImageSummary[]> {
  const filters = q.dangling === undefined ? undefined : JSON.stringify({ dangling: [String(q.dangling)] });
  const raw = await call(engine, (abortSignal) => engine.docker.listImages({ filters, abortSignal }), READ_TIMEOUT_MS);
  return toImageRows(hostId, raw, containers);
}

/** An image as the Engine shows it; a missing one fails with kind not_found. */
export function inspectRawImage(engine: Engine, ref: string): Promise<Docker.ImageInspectInfo> {
  return call(engine, (abortSignal) => engine.docker.getImage(ref).inspect({ abortSignal } as Docker.ImageInspectOptions), READ_TIMEOUT_MS);
}

/** The id of an image reference on the host, or null when the host does not have it. */
export async function imageIdOf(engine: Engine, ref: string): Promise<string | null> {
  try {
    return (await inspectRawImage(engine, ref)).Id;
  } catch (e) {
    if ((e as { kind?: string }).kind === 'not_found') return null;
    throw e;
  }
}

/** Tags an image as repo:tag (a tag another image holds moves to this one). */
export async function addTag(engine: Engine, id: string, repo: string, tag: string, ms = WRITE_TIMEOUT_MS): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getImage(id).tag({ repo, tag, abortSignal }), ms);
}

async function readImage(engine: Engine, ref: string): Promise<Docker.ImageInspectInfo> {
  try {
    return await inspectRawImage(engine, ref);
  } catch (e) {
    const err = engineError(e, engine.target);
    if (err.kind === 'not_found') throw notFound(`No image "${ref}" on this host: it may have been removed`);
    throw err;
  }
}

const asList = (v: string | string[] | null | undefined) => (!v ? [] : Array.isArray(v) ? v : [v]);

export function toLayers(raw: { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }[]): ImageLayer[] {
  return raw.map((l) => ({
    id: l.Id && l.Id !== '<missing>' ? l.Id : null,
    created: l.Created,
    // The Engine prefixes RUN steps with the shell it used: "/bin/sh -c #(nop) CMD …" reads better as "CMD …".
    createdBy: (l.CreatedBy ?? '').replace(/^\/bin\/sh -c #\(nop\)\s*/, '').trim(),
    size: l.Size,
    tags: real(l.Tags),
    comment: l.Comment ?? '',
  }));
}

export async function inspectImage({ engine, id: hostId }: HostEngine, ref: string, containers: ContainerSummary[]): Promise<ImageDetail> {
  const img = await readImage(engine, ref);
  const history = await call(engine, () => engine.docker.getImage(img.Id).history(), READ_TIMEOUT_MS);
  const cfg = img.Config ?? ({} as Partial<Docker.ImageInspectInfo['Config']>);
  return {
    hostId,
    id: img.Id,
    repoTags: real(img.RepoTags),
    repoDigests: real(img.RepoDigests),
    parentId: img.Parent || null,
    comment: img.Comment ?? '',
    created: img.Created,
    author: img.Author ?? '',
    dockerVersion: img.DockerVersion ?? '',
    architecture: img.Architecture ?? '',
    os: img.Os ?? '',
    size: img.Size,
    layers: img.RootFS?.Layers?.length ?? 0,
    config: {
      cmd: asList(cfg.Cmd),
      entrypoint: asList(cfg.Entrypoint),
      env: (cfg.Env ?? []).map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? { key: e, value: '' } : { key: e.slice(0, i), value: e.slice(i + 1) };
      }),
      workingDir: cfg.WorkingDir ?? '',
      user: cfg.User ?? '',
      exposedPorts: Object.keys(cfg.ExposedPorts ?? {}),
      volumes: Object.keys(cfg.Volumes ?? {}),
      labels: cfg.Labels ?? {},
    },
    history: toLayers(history as Parameters<typeof toLayers>[0]),
    usedBy: containers.filter((c) => c.imageId === img.Id).map(usageOf),
  };
}

/** `ref` as the Engine lists it in RepoTags: "app" means "app:latest". */
export function normalizeRef(ref: string): string {
  const { repo, tag } = splitRepoTag(ref);
  return `${repo}:${tag}`;
}

/**
 * Removes one repo:tag of an image (only untags it when other tags remain) or, without `ref`, the image itself.
 * Checks first, against a fresh container list, so that a refusal names the containers in the way and nothing is
 * half-done: the Engine would untag a running container's image and then refuse to delete it.
 */
export async function removeImage(host: HostEngine, iid: string, opts: { ref?: string; force?: boolean }): Promise<RemoveResult> {
  const { engine } = host;
  const img = await readImage(engine, iid);
  const tags = real(img.RepoTags);
  const ref = opts.ref ? normalizeRef(opts.ref) : undefined;
  if (ref && !tags.includes(ref)) {
    throw notFound(`Image ${shortId(img.Id)} has no tag "${ref}"${tags.length ? ` (its tags: ${tags.join(', ')})` : ' (it has no tags)'}`);
  }
  const label = ref ?? tags[0] ?? shortId(img.Id);
  const untagOnly = Boolean(ref) && tags.length > 1;
  if (!untagOnly) {
    const users = (await listContainers(host)).filter((c) => c.imageId === img.Id).map(usageOf);
    const active = users.filter((u) => ACTIVE.has(u.state));
    if (users.length && !opts.force) {
      throw conflict(
        `Image ${label} is used by ${describeUsers(users)}: remove ${users.length === 1 ? 'that container' : 'those containers'} first, or remove with "force"`,
      );
    }
    if (active.length && !ref) {
      throw conflict(
        `Image ${label} is used by running ${describeUsers(active)}: stop ${active.length === 1 ? 'it' : 'them'} first; even "force" cannot delete an image a running container uses`,
      );
    }
  }
  if (!ref && tags.length > 1 && !opts.force) {
    throw conflict(
      `Image ${shortId(img.Id)} has ${tags.length} tags (${tags.join(', ')}): remove one tag at a time, or remove with "force" to delete the image and every tag`,
    );
  }
  const items = await call(
    engine,
    (abortSignal) => engine.docker.getImage(ref ?? img.Id).remove({ force: Boolean(opts.force), abortSignal }) as Promise<Docker.ImageRemoveInfo[]>,
    WRITE_TIMEOUT_MS,
  );
  const untagged = items.flatMap((i) => (i.Untagged ? [i.Untagged] : []));
  const deleted = items.flatMap((i) => (i.Deleted ? [i.Deleted] : []));
  const message = deleted.includes(img.Id)
    ? `Removed image ${label}${untagged.length > 1 ? ` and its tags ${untagged.join(', ')}` : ''}`
    : `Untagged ${untagged.join(', ') || label}; image ${shortId(img.Id)} stays${tags.length > 1 ? ' under its other tags' : ''}`;
  return { ok: true, message, untagged, deleted };
}

/** Adds a repo:tag. A tag another image holds moves to this one, as `docker tag` does; the message says so. */
export async function tagImage(engine: Engine, iid: string, newRef: string): Promise<{ ok: true; message: string; ref: string }> {
  const img = await readImage(engine, iid);
  const ref = normalizeRef(newRef);
  if (real(img.RepoTags).includes(ref)) throw conflict(`Image ${shortId(img.Id)} is already tagged ${ref}`);
  const holder = await inspectRawImage(engine, ref).catch(() => null);
  const { repo, tag } = splitRepoTag(ref);
  await addTag(engine, img.Id, repo, tag);
  const moved = holder && holder.Id !== img.Id ? ` (moved from image ${shortId(holder.Id)})` : '';
  return { ok: true, message: `Tagged image ${shortId(img.Id)} as ${ref}${moved}`, ref };
}

/** Removes dangling images no container uses; reports which images went and the space the Engine reclaimed. */
export async function pruneImages(engine: Engine, labels: string[] = []): Promise<PruneResult> {
  const filters: Record<string, string[]> = { dangling: ['true'], ...(labels.length ? { label: labels } : {}) };
  const before = await call(engine, (abortSignal) => engine.docker.listImages({ filters: JSON.stringify(filters), abortSignal }), READ_TIMEOUT_MS);
  const r = await call(engine, (abortSignal) => engine.docker.pruneImages({ filters: JSON.stringify(filters), abortSignal }), WRITE_TIMEOUT_MS);
  const gone = new Set((r.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : [])));
  const deleted = before.map((i) => i.Id).filter((id) => gone.has(id));
  const space = r.SpaceReclaimed ?? 0;
  const message = deleted.length
    ? `Removed ${deleted.length} dangling ${deleted.length === 1 ? 'image' : 'images'}, reclaimed ${formatBytes(space)}`
    : 'No unused dangling images to remove';
  return { ok: true, message, deleted, spaceReclaimed: space };
}
