import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import * as updateRoute from '@/app/api/v1/hosts/[id]/containers/[cid]/update-image/route';
import * as checkRoute from '@/app/api/v1/hosts/[id]/images/updates/route';
import type { ImageUpdatesAnswer, ImageUpdateView } from '@/lib/image-update-types';
import type { LiveMessage } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { buildImage, sourceOf } from '@/server/images/build';
import { checkHost, startImageUpdateSchedule } from '@/server/images/updates';
import { identify } from '@/server/auth/policy';
import { finishUpgrade } from '@/server/stacks/upgrade';
import { createRegistry, updateRegistry } from '@/server/registries/service';
import type { OperationView } from '@/lib/compose-types';
import { AlertRuleCreateSchema } from '@/lib/schemas/alerts';
import { alertEngine } from '@/server/alerts/engine';
import { createRule } from '@/server/alerts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, type HarnessEnv, params, req, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;
type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string; REGISTRY_AUTH: string; REGISTRY_USER: string; REGISTRY_PASSWORD: string };
const h = harness() as RegistryEnv;
const AUTH = { username: h.REGISTRY_USER, password: h.REGISTRY_PASSWORD, serveraddress: h.REGISTRY_AUTH };

let berth: Berth;
let host: string;
const containers: string[] = [];
const images: string[] = [];
const projects: string[] = [];
const stacks = stackApi(() => host);

const engine = () => berth.fleet.runtime(host).engine.docker;

/** docker push through the Engine API, followed to its end; fails with the Engine's words. */
async function push(ref: string, authconfig?: typeof AUTH): Promise<void> {
  const stream = (await engine()
    .getImage(ref)
    .push({ authconfig: authconfig ?? {} })) as Readable;
  await new Promise<void>((resolve, reject) =>
    engine().modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const failed = out?.find((o) => o.error);
      if (err || failed) reject(err ?? new Error(failed!.error));
      else resolve();
    }),
  );
}

async function tag(source: string, ref: string): Promise<void> {
  const i = ref.lastIndexOf(':');
  await engine()
    .getImage(source)
    .tag({ repo: ref.slice(0, i), tag: ref.slice(i + 1) });
  images.push(ref);
}

/** A different image: the test image with one label, through the Engine's build API. */
async function buildFrom(from: string, ref: string): Promise<string> {
  images.push(ref);
  const r = await buildImage(berth, host, sourceOf('Dockerfile', Buffer.from(`FROM ${from}\nLABEL berth.test.update="${uniqueName('v')}"\n`)), { tag: ref });
  return r.id;
}

async function run(name: string, image: string): Promise<string> {
  containers.push(name);
  await docker(ENGINE, 'run', '-d', '--name', name, '-e', 'KEEP=me', '--label', 'berth.test=updates', image, 'sleep', '3600');
  const id = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', name);
  await waitFor(`${name} in the live cache`, () => berth.fleet.runtime(host).containers.get(id)?.state === 'running', 10_000);
  return id;
}

/** The image-update alert about `ref` on the host, while it fires (issue #17: the rule fed by the same checks). */
const updateAlert = (ref: string) =>
  [...alertEngine(berth).open.firing.values()].find((a) => a.kind === 'image-update' && a.hostId === host && a.subject.id === ref);

const answerFor = async (ref: string): Promise<ImageUpdateView> => {
  const [v] = await checkHost(berth, host, [ref]);
  expect(v?.image).toBe(ref);
  return v;
};

beforeAll(async () => {
  // no background schedule: the tests check on demand, and one test runs the schedule itself
  berth = await freshBerth('sqlite', { BERTH_IMAGE_UPDATE_MINUTES: '0' });
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
});

afterAll(async () => {
  for (const c of containers) await docker(ENGINE, 'rm', '-f', c).catch(() => undefined);
  for (const p of projects) await cleanupProject(ENGINE, p);
  for (const i of images) await docker(ENGINE, 'rmi', '-f', i).catch(() => undefined);
  await berth?.close();
});

describe('image updates against the open loopback registry', () => {
  const repo = `${h.REGISTRY_OPEN}/${uniqueName('upd').toLowerCase()}`;
  const ref = `${repo}:1`;
  const name = uniqueName('upd-c');
  let oldImage: string;

  it('an image pushed and run as it is: up to date', async () => {
    await createRule(berth, AlertRuleCreateSchema.parse({ name: 'image updates', kind: 'image-update', hostId: host }));
    await tag(h.TEST_IMAGE, ref);
    await push(ref);
    oldImage = await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);
    await run(name, ref);
    const v = await answerFor(ref);
    expect(v).toMatchObject({ status: 'up-to-date', remoteDigest: expect.stringMatching(/^sha256:/) });
    expect(v.containers.map((c) => c.name)).toEqual([name]);
  });

  it('a new image pushed under the same tag: update available, announced live, and in the GET answer', async () => {
    // someone else pushes: built, pushed, and the host's tag put back on the image its container runs
    await buildFrom(ref, `${repo}:next`);
    await tag(`${repo}:next`, ref);
    await push(ref);
    await tag(oldImage, ref);
    await docker(ENGINE, 'rmi', `${repo}:next`);

    const seen: LiveMessage[] = [];
    const off = berth.fleet.hub.subscribe((m) => void seen.push(m), { internal: true });
    try {
      const res = await checkRoute.POST(req(`/api/v1/hosts/${host}/images/updates`, { method: 'POST', json: {} }), params({ id: host }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as ImageUpdatesAnswer;
      expect(body.updates.find((u) => u.image === ref)).toMatchObject({ status: 'update-available', containers: [{ name, behind: true }] });
      expect(seen).toContainEqual({ type: 'image-update', hostId: host, image: ref, status: 'update-available' });
    } finally {
      off();
    }
    const got = (await (await checkRoute.GET(req(`/api/v1/hosts/${host}/images/updates`), params({ id: host }))).json()) as ImageUpdatesAnswer;
    expect(got.updates.find((u) => u.image === ref)?.status).toBe('update-available');
    // an admin's "image update available" rule fires on the same answer
    await waitFor('the image-update alert', () => Boolean(updateAlert(ref)), 5_000);
    expect(updateAlert(ref)).toMatchObject({ state: 'firing', summary: expect.stringContaining(ref) });
  });

  it('Update pulls and recreates the container on the new image, settings kept; then up to date', async () => {
    const res = await updateRoute.POST(
      req(`/api/v1/hosts/${host}/containers/${name}/update-image`, { method: 'POST', json: { wait: true } }),
      params({ id: host, cid: name }),
    );
    const body = (await res.json()) as { container?: { name: string }; message: string };
    expect(res.status, body.message).toBe(200);
    expect(body.container?.name).toBe(name);
    const after = JSON.parse(await docker(ENGINE, 'inspect', name))[0] as {
      Image: string;
      Config: { Env: string[]; Labels: Record<string, string>; Image: string };
    };
    expect(after.Image).not.toBe(oldImage);
    expect(after.Config.Image).toBe(ref);
    expect(after.Config.Env).toContain('KEEP=me');
    expect(after.Config.Labels['berth.test']).toBe('updates');
    await waitFor(
      'the new container in the live cache',
      () => [...berth.fleet.runtime(host).containers.values()].some((c) => c.name === name && c.state === 'running'),
      10_000,
    );
    expect((await answerFor(ref)).status).toBe('up-to-date');
    await waitFor('the image-update alert resolved', () => !updateAlert(ref), 5_000);
  });
});

describe('a service of a Berth stack', () => {
  it('is updated by a deploy of the stack through the plan ("image id changed" for its container only)', async () => {
    const repo = `${h.REGISTRY_OPEN}/${uniqueName('upd-stack').toLowerCase()}`;
    const ref = `${repo}:1`;
    await tag(h.TEST_IMAGE, ref);
    await push(ref);
    const oldImage = await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);
    const name = uniqueName('updstack').toLowerCase();
    projects.push(name);
    const compose = `services:\n  web:\n    image: ${ref}\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n`;
    const created = await stacks.create({ name, compose, env: '', deploy: true });
    expect(created.status, JSON.stringify(await created.clone().json())).toBe(201);
    const cid = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);
    await waitFor('the service container in the live cache', () => berth.fleet.runtime(host).containers.get(cid)?.state === 'running', 10_000);

    await buildFrom(ref, `${repo}:next`);
    await tag(`${repo}:next`, ref);
    await push(ref);
    await tag(oldImage, ref);
    await docker(ENGINE, 'rmi', `${repo}:next`);
    expect(await answerFor(ref)).toMatchObject({ status: 'update-available', containers: [{ id: cid, project: name, service: 'web', behind: true }] });

    const res = await updateRoute.POST(
      req(`/api/v1/hosts/${host}/containers/${cid}/update-image`, { method: 'POST', json: { wait: true } }),
      params({ id: host, cid }),
    );
    const body = (await res.json()) as { operation?: OperationView; message: string };
    expect(res.status, body.message).toBe(200);
    expect(body.operation).toMatchObject({ kind: 'deploy', status: 'succeeded', stackName: name });
    expect(body.operation!.log.map((l) => l.message).join('\n')).toMatch(/image id changed/);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Image}}', `${name}-web-1`)).not.toBe(oldImage);
    await waitFor(
      'the recreated container in the live cache',
      () => [...berth.fleet.runtime(host).containers.values()].some((c) => c.name === `${name}-web-1` && c.id !== cid && c.state === 'running'),
      10_000,
    );
    expect((await answerFor(ref)).status).toBe('up-to-date');
    // the deploy's outcome is counted for /metrics (berth_stack_operations_total)
    expect(berth.metrics.operations.get('deploy succeeded')).toBeGreaterThanOrEqual(2);
  });
});

describe('a service of a Berth stack with a health check', () => {
  it('is updated by the two-phase rolling upgrade, which then waits for Finish', async () => {
    const repo = `${h.REGISTRY_OPEN}/${uniqueName('upd-roll').toLowerCase()}`;
    const ref = `${repo}:1`;
    await tag(h.TEST_IMAGE, ref);
    await push(ref);
    const oldImage = await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);
    const name = uniqueName('updroll').toLowerCase();
    projects.push(name);
    const compose = [
      'services:',
      '  web:',
      `    image: ${ref}`,
      '    command: ["sleep", "3600"]',
      '    stop_signal: SIGKILL',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 1s',
      '',
    ].join('\n');
    const created = await stacks.create({ name, compose, env: '', deploy: true });
    expect(created.status, JSON.stringify(await created.clone().json())).toBe(201);
    const cid = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);
    await waitFor('the service container in the live cache', () => berth.fleet.runtime(host).containers.get(cid)?.state === 'running', 10_000);

    await buildFrom(ref, `${repo}:next`);
    await tag(`${repo}:next`, ref);
    await push(ref);
    await tag(oldImage, ref);
    await docker(ENGINE, 'rmi', `${repo}:next`);
    expect((await answerFor(ref)).status).toBe('update-available');

    const res = await updateRoute.POST(
      req(`/api/v1/hosts/${host}/containers/${cid}/update-image`, { method: 'POST', json: { wait: true } }),
      params({ id: host, cid }),
    );
    const body = (await res.json()) as { operation?: OperationView; message: string };
    expect(res.status, body.message).toBe(200);
    expect(body.message).toMatch(/rolling upgrade/);
    expect(body.operation).toMatchObject({ kind: 'upgrade', status: 'succeeded', stackName: name });
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Image}}', `${name}-web-1`)).not.toBe(oldImage);
    // the old container waits, stopped, for Finish (or Rollback)
    expect(
      await docker(ENGINE, 'ps', '-a', '--filter', `label=com.docker.compose.project=${name}`, '--filter', 'status=exited', '--format', '{{.Names}}'),
    ).toMatch(/-old-/);
    const finished = await finishUpgrade(berth, await identify(req('/api/v1/hosts')), host, name, true);
    expect(finished.status).toBe('succeeded');
    await waitFor(
      'the upgraded container in the live cache',
      () => [...berth.fleet.runtime(host).containers.values()].some((c) => c.name === `${name}-web-1` && c.id !== cid && c.state === 'running'),
      10_000,
    );
    expect((await answerFor(ref)).status).toBe('up-to-date');
  });
});

describe('the schedule', () => {
  it('checks every online host on its own, and says when it runs next', async () => {
    const before = berth.imageUpdates.lastCheckAt.get(host);
    const stop = startImageUpdateSchedule(berth, 60, 20);
    try {
      expect(berth.imageUpdates.nextCheckAt).not.toBeNull();
      await waitFor('a scheduled check of the host', () => berth.imageUpdates.lastCheckAt.get(host) !== before, 30_000);
      await waitFor('the next round scheduled an hour away', () => Date.parse(berth.imageUpdates.nextCheckAt ?? '') > Date.now() + 50 * 60_000, 30_000);
    } finally {
      stop();
    }
    expect(berth.imageUpdates.nextCheckAt).toBeNull();
    expect(startImageUpdateSchedule(berth, 0)).toBeTypeOf('function');
    expect(berth.imageUpdates.nextCheckAt).toBeNull();
  });
});

describe('image updates against the basic-auth registry', () => {
  const ref = `${h.REGISTRY_AUTH}/${uniqueName('upd-auth').toLowerCase()}:1`;

  it('needs the stored credentials, and says "auth failed" without them or with wrong ones', async () => {
    await tag(h.TEST_IMAGE, ref);
    await push(ref, AUTH);
    await run(uniqueName('upd-auth-c'), ref);
    expect(await answerFor(ref)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^auth failed: registry .* needs credentials/) });

    const reg = await createRegistry(berth, { name: uniqueName('auth'), address: h.REGISTRY_AUTH, username: h.REGISTRY_USER, password: h.REGISTRY_PASSWORD });
    expect(await answerFor(ref)).toMatchObject({ status: 'up-to-date' });

    await updateRegistry(berth, reg.id, { password: 'not-the-password' });
    expect(await answerFor(ref)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^auth failed: .*refused the stored credentials/) });
  });
});

describe('images no registry knows', () => {
  it('a locally built image is unknown: built locally', async () => {
    const ref = `berth-upd-local/${uniqueName('img').toLowerCase()}:1`;
    await buildFrom(h.TEST_IMAGE, ref);
    await run(uniqueName('upd-local-c'), ref);
    expect(await answerFor(ref)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^built locally/) });
  });

  it('an image tagged from another one: unknown, no repo digest (the registry is not asked)', async () => {
    const ref = `127.0.0.1:9/${uniqueName('img').toLowerCase()}:1`;
    await tag(h.TEST_IMAGE, ref);
    // the image has repo digests, but from another repository (the open registry's), none from 127.0.0.1:9
    const pushed = `${h.REGISTRY_OPEN}/${uniqueName('upd-u').toLowerCase()}:1`;
    await tag(h.TEST_IMAGE, pushed);
    await push(pushed);
    await run(uniqueName('upd-unreach-c'), ref);
    expect(await answerFor(ref)).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^no repo digest/) });
  });
});
