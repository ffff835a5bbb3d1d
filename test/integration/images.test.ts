import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/hosts/[id]/images/route';
import * as one from '@/app/api/v1/hosts/[id]/images/[iid]/route';
import * as tag from '@/app/api/v1/hosts/[id]/images/[iid]/tag/route';
import * as prune from '@/app/api/v1/hosts/[id]/images/prune/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import type { ImageDetail, ImageSummary } from '@/lib/types';
import { docker, engineUnderTest, freshBerth, harness, params, read, req, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let host: string;
const containers: string[] = [];
const images: string[] = [];

const base = () => `/api/v1/hosts/${host}/images`;

async function listImages(query = '', hostId = host): Promise<ImageSummary[]> {
  const res = await list.GET(req(`/api/v1/hosts/${hostId}/images${query}`), params({ id: hostId }));
  expect(res.status).toBe(200);
  return (await res.json()).images;
}
const inspect = (iid: string) => one.GET(req(`${base()}/${iid}`), params({ id: host, iid }));
const remove = (iid: string, query = '') => one.DELETE(req(`${base()}/${iid}${query}`, { method: 'DELETE' }), params({ id: host, iid }));
const addTag = (iid: string, ref: string) => tag.POST(req(`${base()}/${iid}/tag`, { method: 'POST', json: { ref } }), params({ id: host, iid }));
const idOf = (ref: string) => docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);
const tagsOf = async (id: string) => JSON.parse(await docker(ENGINE, 'image', 'inspect', '-f', '{{json .RepoTags}}', id)) as string[];

/** A fresh image of our own (docker commit of a stopped container), so removing it cannot disturb anyone else. */
async function commitImage(ref?: string, label?: string): Promise<string> {
  const src = uniqueName('img-src');
  await docker(ENGINE, 'create', '--name', src, h.TEST_IMAGE, 'true');
  containers.push(src);
  const args = ['commit', ...(label ? ['--change', `LABEL ${label}`] : []), src, ...(ref ? [ref] : [])];
  const id = await docker(ENGINE, ...args);
  images.push(id);
  return id;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
});
afterAll(async () => {
  for (const c of containers) await docker(ENGINE, 'rm', '-f', c).catch(() => undefined);
  for (const i of images) await docker(ENGINE, 'rmi', '-f', i).catch(() => undefined);
  await berth.close();
});

describe('images on a real daemon', () => {
  it('lists one row per repo:tag, and the docker CLI agrees', async () => {
    const rows = await listImages();
    // Only the harness's own repository: other suites may tag and untag images of their own meanwhile.
    const cli = (await docker(ENGINE, 'images', '--no-trunc', '--filter', 'reference=berth-test/*', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}')).split(
      '\n',
    );
    const ours = rows.filter((r) => r.ref?.startsWith('berth-test/')).map((r) => `${r.ref} ${r.id}`);
    expect(ours.sort()).toEqual(cli.sort());
    const test = rows.find((r) => r.ref === h.TEST_IMAGE)!;
    expect(test).toMatchObject({ repo: 'berth-test/busybox', tag: 'latest', dangling: false, id: await idOf(h.TEST_IMAGE) });
    expect(test.size).toBeGreaterThan(0);
  });

  it('tags an image, refuses a bad or duplicate tag, and removing one of several tags only untags', async () => {
    const id = await commitImage(`berth-it/tagged-${process.pid}:v1`);
    const ref = `berth-it/tagged-${process.pid}:v2`;
    const ok = await addTag(id, ref);
    expect(ok.status).toBe(200);
    expect((await ok.json()).message).toMatch(new RegExp(`Tagged image \\w{12} as ${ref}`));
    expect((await tagsOf(id)).sort()).toEqual([`berth-it/tagged-${process.pid}:v1`, ref]);

    const again = await addTag(id, ref);
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already tagged/);
    const bad = await addTag(id, 'Berth/UPPER:1');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/ref: Repository names must be lowercase/);

    const rows = (await listImages()).filter((r) => r.id === id);
    expect(rows.map((r) => r.tag).sort()).toEqual(['v1', 'v2']);
    expect(rows.every((r) => r.tagCount === 2)).toBe(true);

    const untag = await remove(id, `?ref=${encodeURIComponent(ref)}`);
    expect(untag.status).toBe(200);
    expect((await untag.json()).message).toMatch(/^Untagged .*v2; image \w{12} stays under its other tags/);
    expect(await tagsOf(id)).toEqual([`berth-it/tagged-${process.pid}:v1`]);
    const wrongRef = await remove(id, '?ref=berth-it/other:1');
    expect(wrongRef.status).toBe(404);
    expect((await wrongRef.json()).error.message).toMatch(/has no tag "berth-it\/other:1" \(its tags: berth-it\/tagged/);
  });

  it('refuses to remove an image in use, naming the container, and leaves everything as it was', async () => {
    const ref = `berth-it/used-${process.pid}:1`;
    const id = await commitImage(ref);
    const user = uniqueName('img-user');
    await docker(ENGINE, 'run', '-d', '--name', user, ref, 'sleep', '300');
    containers.push(user);
    const row = await waitFor('the image to show its user', async () => (await listImages()).find((r) => r.ref === ref && r.usedBy.length > 0));
    expect(row.usedBy).toEqual([expect.objectContaining({ name: user, state: 'running' })]);

    for (const query of ['', `?ref=${encodeURIComponent(ref)}`]) {
      const res = await remove(id, query);
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe(`Image ${ref} is used by container ${user} (running): remove that container first, or remove with "force"`);
    }
    const byIdForced = await remove(id, '?force=true');
    expect(byIdForced.status).toBe(409);
    expect((await byIdForced.json()).error.message).toMatch(/used by running container .*: stop it first; even "force" cannot delete/);
    expect(await tagsOf(id)).toEqual([ref]);

    await docker(ENGINE, 'rm', '-f', user);
    await waitFor('the user to leave the cache', () => ![...berth.fleet.runtime(host).containers.values()].some((c) => c.name === user));
    const gone = await remove(id);
    expect(gone.status).toBe(200);
    const body = await gone.json();
    expect(body.message).toBe(`Removed image ${ref}`);
    expect(body.deleted).toContain(id);
    await expect(docker(ENGINE, 'image', 'inspect', id)).rejects.toThrow(/No such image/);
  });

  it('a forced removal of a tag a running container uses only untags it', async () => {
    const ref = `berth-it/forced-${process.pid}:1`;
    const id = await commitImage(ref);
    const user = uniqueName('img-forced');
    await docker(ENGINE, 'run', '-d', '--name', user, ref, 'sleep', '300');
    containers.push(user);
    const res = await remove(id, `?ref=${encodeURIComponent(ref)}&force=true`);
    expect(res.status).toBe(200);
    expect((await res.json()).message).toMatch(/^Untagged .*; image \w{12} stays/);
    expect(await tagsOf(id)).toEqual([]);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.State.Status}}', user)).toBe('running');
  });

  it('filters and prunes dangling images, reporting the space reclaimed; the docker CLI agrees', async () => {
    const label = `berth-it-prune=${process.pid}-${Date.now()}`;
    const dangling = await commitImage(undefined, label);
    const rows = await listImages('?dangling=true');
    expect(rows.find((r) => r.id === dangling)).toMatchObject({ ref: null, repo: '<none>', tag: '<none>', dangling: true });
    expect(rows.every((r) => r.dangling)).toBe(true);
    expect(await docker(ENGINE, 'images', '-q', '--no-trunc', '--filter', 'dangling=true')).toContain(dangling);

    const res = await prune.POST(req(`${base()}/prune`, { method: 'POST', json: { labels: [label] } }), params({ id: host }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.deleted).toEqual([dangling]);
    expect(body.message).toMatch(/^Removed 1 dangling image, reclaimed /);
    expect(body.spaceReclaimed).toBeGreaterThanOrEqual(0);
    await expect(docker(ENGINE, 'image', 'inspect', dangling)).rejects.toThrow(/No such image/);
    expect(await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', h.TEST_IMAGE)).toMatch(/^sha256:/);

    const none = await prune.POST(req(`${base()}/prune`, { method: 'POST', json: { labels: [label] } }), params({ id: host }));
    expect((await none.json()).message).toBe('No unused dangling images to remove');
  });

  it('inspects an image with its history, as docker history reports it', async () => {
    const id = await commitImage(`berth-it/inspect-${process.pid}:1`);
    const res = await inspect(id);
    expect(res.status).toBe(200);
    const image: ImageDetail = (await res.json()).image;
    expect(image).toMatchObject({ id, repoTags: [`berth-it/inspect-${process.pid}:1`], os: 'linux' });
    const cli = (await docker(ENGINE, 'history', '--no-trunc', '--format', '{{.Size}}|{{.CreatedBy}}', id)).split('\n');
    expect(image.history).toHaveLength(cli.length);
    expect(image.history[0].createdBy).toBe(cli[0].split('|')[1]);
    expect(image.history.map((l) => l.size).reduce((a, b) => a + b, 0)).toBe(image.size);
  });

  it('answers 404 for an image that does not exist and 400 for bad input', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    for (const res of [await inspect(missing), await remove(missing), await addTag(missing, 'berth-it/x:1')]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toBe(`No image "${missing}" on this host: it may have been removed`);
    }
    expect((await remove(missing, '?force=maybe')).status).toBe(400);
    expect((await list.GET(req(`${base()}?dangling=perhaps`), params({ id: host }))).status).toBe(400);
    expect((await list.GET(req('/api/v1/hosts/nope/images'), params({ id: 'nope' }))).status).toBe(404);
  });

  it('lists images of the TLS daemon B too', async () => {
    const b = await createHost(berth, {
      kind: 'tcp',
      name: 'b',
      host: h.DOCKER_B_TCP_HOST,
      port: Number(h.DOCKER_B_TCP_PORT),
      ca: read(h.TLS_CA),
      cert: read(h.TLS_CLIENT_CERT),
      key: read(h.TLS_CLIENT_KEY),
    });
    const rows = await listImages('', b.id);
    expect(rows.map((r) => r.ref)).toContain(h.TEST_IMAGE);
    expect(rows.every((r) => r.hostId === b.id)).toBe(true);
  });
});
