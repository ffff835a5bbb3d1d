import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/hosts/[id]/volumes/route';
import * as one from '@/app/api/v1/hosts/[id]/volumes/[name]/route';
import * as prune from '@/app/api/v1/hosts/[id]/volumes/prune/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import type { VolumeSummary } from '@/lib/types';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let host: string;
const containers: string[] = [];
const volumes: string[] = [];

const base = () => `/api/v1/hosts/${host}/volumes`;

async function listVolumes(): Promise<VolumeSummary[]> {
  const res = await list.GET(req(base()), params({ id: host }));
  expect(res.status).toBe(200);
  return (await res.json()).volumes;
}
const create = (json: unknown) => list.POST(req(base(), { method: 'POST', json }), params({ id: host }));
const remove = (name: string) => one.DELETE(req(`${base()}/${name}`, { method: 'DELETE' }), params({ id: host, name }));
const cliVolumes = async () => (await docker(ENGINE, 'volume', 'ls', '-q')).split('\n');
const volumeName = (prefix: string) => {
  const n = uniqueName(prefix);
  volumes.push(n);
  return n;
};

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  for (const c of containers) await docker(ENGINE, 'rm', '-f', c).catch(() => undefined);
  for (const v of volumes) await docker(ENGINE, 'volume', 'rm', '-f', v).catch(() => undefined);
  await berth.close();
});

describe('volumes on a real daemon', () => {
  it('creates a volume with driver options and labels; the docker CLI sees the same', async () => {
    const name = volumeName('vol');
    const res = await create({ name, driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' }, labels: { team: 'ops' } });
    expect(res.status).toBe(201);
    const { volume } = await res.json();
    expect(volume).toMatchObject({
      name,
      driver: 'local',
      labels: { team: 'ops', 'io.berth.managed': 'true' },
      options: { type: 'tmpfs', o: 'size=1m' },
      usedBy: [],
      size: null,
    });
    const cli = await docker(ENGINE, 'volume', 'inspect', '-f', '{{.Driver}} {{json .Options}} {{.Labels.team}} {{.Mountpoint}}', name);
    expect(cli).toBe(`local {"device":"tmpfs","o":"size=1m","type":"tmpfs"} ops ${volume.mountpoint}`);
    const row = (await listVolumes()).find((v) => v.name === name);
    expect(row).toMatchObject({ driver: 'local', mountpoint: volume.mountpoint, usedBy: [] });
    expect(row!.created).toMatch(/^\d{4}-/);

    const dup = await create({ name });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.message).toBe(`A volume named ${name} already exists on this host (driver local): choose another name`);
    const bad = await create({ name: '-x', labels: { 'a b': '1' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/name: Volume name may use letters.*; labels.a b: Label keys must not contain "=" or spaces/);

    const gone = await remove(name);
    expect(gone.status).toBe(200);
    expect((await gone.json()).message).toBe(`Removed volume ${name}`);
    expect(await cliVolumes()).not.toContain(name);
  });

  it('measures sizes only on request: the plain list has none, ?sizes=1 reports what the data takes', async () => {
    const name = volumeName('vol-size');
    const writer = uniqueName('vol-writer');
    containers.push(writer);
    // 3 MiB of data written into the volume by a container that then exits
    await docker(ENGINE, 'run', '--name', writer, '-v', `${name}:/data`, h.TEST_IMAGE, 'dd', 'if=/dev/zero', 'of=/data/blob', 'bs=1048576', 'count=3');
    expect((await listVolumes()).find((v) => v.name === name)!.size).toBeNull();
    const res = await list.GET(req(`${base()}?sizes=1`), params({ id: host }));
    expect(res.status).toBe(200);
    const row = ((await res.json()).volumes as VolumeSummary[]).find((v) => v.name === name)!;
    expect(row.size).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(row.usedBy).toEqual([expect.objectContaining({ name: writer, state: 'exited' })]);
  });

  it('creates a volume with a generated name when none is given', async () => {
    const res = await create({ labels: { 'berth-it': 'anon' } });
    expect(res.status).toBe(201);
    const { volume } = await res.json();
    volumes.push(volume.name);
    expect(volume.name).toMatch(/^[0-9a-f]{64}$/);
    expect(await cliVolumes()).toContain(volume.name);
  });

  it('refuses to remove a volume in use, naming the container, and keeps it', async () => {
    const name = volumeName('vol-used');
    const user = uniqueName('vol-user');
    await docker(ENGINE, 'run', '-d', '--name', user, '-v', `${name}:/data`, h.TEST_IMAGE, 'sleep', '300');
    containers.push(user);
    expect((await listVolumes()).find((v) => v.name === name)!.usedBy).toEqual([expect.objectContaining({ name: user, state: 'running' })]);
    const res = await remove(name);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(`Volume ${name} is in use by container ${user} (running): remove that container first`);
    expect(await cliVolumes()).toContain(name);

    await docker(ENGINE, 'rm', '-f', user);
    expect((await remove(name)).status).toBe(200);
    expect(await cliVolumes()).not.toContain(name);
  });

  it('prunes unused volumes only, reporting which went', async () => {
    const label = `berth-it-prune=${process.pid}-${Date.now()}`;
    const [unused, used] = [volumeName('vol-unused'), volumeName('vol-kept')];
    for (const v of [unused, used]) expect((await create({ name: v, labels: { [label.split('=')[0]]: label.split('=')[1] } })).status).toBe(201);
    const user = uniqueName('vol-keeper');
    await docker(ENGINE, 'create', '--name', user, '-v', `${used}:/data`, h.TEST_IMAGE, 'true');
    containers.push(user);

    const res = await prune.POST(req(`${base()}/prune`, { method: 'POST', json: { labels: [label] } }), params({ id: host }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.deleted).toEqual([unused]);
    expect(body.message).toMatch(/^Removed 1 unused volume, reclaimed /);
    const cli = await cliVolumes();
    expect(cli).not.toContain(unused);
    expect(cli).toContain(used);
  });

  it('answers 404 for a volume that does not exist', async () => {
    for (const res of [
      await remove('no-such-volume-404'),
      await one.GET(req(`${base()}/no-such-volume-404`), params({ id: host, name: 'no-such-volume-404' })),
    ]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toBe('No volume "no-such-volume-404" on this host: it may have been removed');
    }
    expect((await remove('a/b')).status).toBe(400);
  });
});
