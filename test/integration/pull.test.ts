import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as pullRoute from '@/app/api/v1/hosts/[id]/images/pull/route';
import type { TaskView } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { pullImage } from '@/server/images/pull';
import type { PullState } from '@/server/images/pull-progress';
import { createRegistry, removeRegistry } from '@/server/registries/service';
import { docker, engineUnderTest, freshBerth, harness, type HarnessEnv, params, req, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string; REGISTRY_AUTH: string; REGISTRY_USER: string; REGISTRY_PASSWORD: string; REGISTRY_IMAGE: string };
const h = harness() as RegistryEnv;
const OPEN = `${h.REGISTRY_OPEN}/${h.REGISTRY_IMAGE}`;
const AUTH = `${h.REGISTRY_AUTH}/${h.REGISTRY_IMAGE}`;
let berth: Berth;
let host: string;

/** The three-layer image is only in the registries; each test removes its pulled copy, so the next one downloads. */
const removeLocal = () => Promise.all([OPEN, AUTH].map((r) => docker(ENGINE, 'rmi', r).catch(() => undefined)));
const localId = (ref: string) => docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);

beforeAll(async () => {
  await removeLocal();
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
});
afterEach(removeLocal);
afterAll(async () => {
  await berth.close();
});

describe('pull from the open registry', () => {
  it('reports per-layer progress, and the image is on the daemon afterwards', async () => {
    const states: PullState[] = [];
    const r = await pullImage(berth, host, OPEN, { onProgress: (s) => states.push(s) });
    expect(r.id).toBe(await localId(OPEN));
    expect(r.message).toBe(`Pulled ${OPEN} on a`);
    expect(r.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const last = states.at(-1)!;
    // The base layer is the local test image's ("Already exists"); the three random layers are downloaded.
    expect(last.layers.length).toBe(4);
    expect(last.layers.every((l) => l.fraction === 1)).toBe(true);
    const downloads = states.flatMap((s) => s.layers).filter((l) => l.status === 'Downloading' && l.total);
    expect(new Set(downloads.map((l) => l.id)).size).toBe(3);
    // how often the Engine reports bytes is its own choice (about every 100 ms): over loopback a layer may arrive in
    // one report, so what is asserted is that byte counts against each layer's size reach the listener
    expect(downloads.some((l) => l.current! > 0 && l.current! <= l.total!)).toBe(true);
  });

  it('says the image was not found, naming the registry', async () => {
    const ref = `${h.REGISTRY_OPEN}/berth-test/no-such-image:1`;
    await expect(pullImage(berth, host, ref)).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(new RegExp(`^Image ${ref} was not found on registry ${h.REGISTRY_OPEN}: check the repository name and tag`)),
    });
  });

  it('says a registry that does not answer cannot be reached', async () => {
    await expect(pullImage(berth, host, '127.0.0.1:9/berth-test/x:1')).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/^Registry 127\.0\.0\.1:9 cannot be reached from host a/),
    });
  });
});

describe('pull from the registry with basic auth', () => {
  it('without credentials, says where to add them', async () => {
    await expect(pullImage(berth, host, AUTH)).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^Registry ${h.REGISTRY_AUTH} refused access without credentials`)),
    });
  });

  it('uses the stored credentials of the registry the reference names', async () => {
    const reg = await createRegistry(berth, { name: 'harness-auth', address: h.REGISTRY_AUTH, username: h.REGISTRY_USER, password: h.REGISTRY_PASSWORD });
    try {
      const r = await pullImage(berth, host, AUTH);
      expect(r.id).toBe(await localId(AUTH));
    } finally {
      await removeRegistry(berth, reg.id);
    }
  });

  it('uses credentials given for one pull, without storing them', async () => {
    const r = await pullImage(berth, host, AUTH, { auth: { username: h.REGISTRY_USER, password: h.REGISTRY_PASSWORD } });
    expect(r.id).toBe(await localId(AUTH));
    expect(await berth.db.selectFrom('registries').selectAll().execute()).toEqual([]);
  });

  it('with a wrong password, tells to check the credentials of that registry', async () => {
    const reg = await createRegistry(berth, { name: 'harness-auth-bad', address: h.REGISTRY_AUTH, username: h.REGISTRY_USER, password: 'wrong-password' });
    try {
      await expect(pullImage(berth, host, AUTH)).rejects.toMatchObject({
        message: expect.stringMatching(
          new RegExp(`^Registry ${h.REGISTRY_AUTH} refused the stored credentials: check the credentials of registry ${h.REGISTRY_AUTH}`),
        ),
      });
      const given = pullImage(berth, host, AUTH, { auth: { username: h.REGISTRY_USER, password: 'also-wrong' } });
      await expect(given).rejects.toThrow(/refused the given credentials/);
      await expect(given).rejects.not.toThrow(/also-wrong/);
    } finally {
      await removeRegistry(berth, reg.id);
    }
  });
});

describe('POST /api/v1/hosts/{id}/images/pull', () => {
  const post = (body: unknown, query = '') =>
    pullRoute.POST(req(`/api/v1/hosts/${host}/images/pull${query}`, { method: 'POST', json: body }), params({ id: host }));

  it('answers at once with a task that shows per-layer progress and ends succeeded', async () => {
    const seen: TaskView[] = [];
    const off = berth.tasks.subscribe((m) => m.type === 'task' && seen.push(m.task));
    try {
      const res = await post({ ref: OPEN });
      expect(res.status).toBe(200);
      const { task } = (await res.json()) as { task: TaskView };
      expect(task).toMatchObject({ kind: 'pull', title: `Pull ${OPEN}`, hostId: host, state: 'running' });
      const done = await waitFor(
        'pull task ended',
        () => {
          const t = berth.tasks.get(task.id);
          return t && t.state !== 'running' ? t : undefined;
        },
        30_000,
      );
      expect(done).toMatchObject({ state: 'succeeded', progress: 1, error: null });
      expect(done.layers).toHaveLength(4);
      const mine = seen.filter((t) => t.id === task.id);
      // Updates are throttled (one per 150 ms), so which layer states a listener sees varies; that it sees layers
      // while the pull runs does not.
      expect(mine.some((t) => t.state === 'running' && t.layers.length > 0)).toBe(true);
    } finally {
      off();
    }
  });

  it('with wait=true answers with the error of a failed pull, and refuses a bad reference before starting', async () => {
    const res = await post({ ref: AUTH, auth: { username: h.REGISTRY_USER, password: 'nope' } }, '?wait=true');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/check the credentials of registry/);
    const bad = await post({ ref: 'Not A Ref' });
    expect(bad.status).toBe(400);
  });
});
