import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationView, StackPlan } from '@/lib/compose-types';
import { PULL_ALWAYS_REASON } from '@/server/compose/service-keys';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { targz, uploadFolder } from './stack-folder-support';
import { cleanupProject, projectNames, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, type HarnessEnv, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string };
const h = harness() as RegistryEnv;
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const images: string[] = [];
const body = async (r: Response) => r.json();
const CMD = `CMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`;

const project = (p: string) => {
  const n = uniqueName(p);
  projects.push(n);
  images.push(`${n}_web`);
  return n;
};
/** A tag in the harness's loopback registry, unique to this run (the registry is thrown away with the harness). */
const registryRef = (p: string) => {
  const ref = `${h.REGISTRY_OPEN}/berth-test/${uniqueName(p)}:latest`;
  images.push(ref);
  return ref;
};

/** Builds a variant of the test image tagged `ref` (a unique label gives it its own id) and returns its id. */
async function buildVariant(ref: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pp-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${h.TEST_IMAGE}\nLABEL variant=${uniqueName('v')}\n${CMD}`);
    await docker(ENGINE, 'build', '-q', '-t', ref, dir);
    const id = await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref);
    // a re-tag leaves the variant untagged: removed by id afterwards
    images.push(id);
    return id;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const file = (ref: string, policy: string) => `services:\n  web:\n    image: ${ref}\n    pull_policy: ${policy}\n`;
const imageOf = (c: string) => docker(ENGINE, 'inspect', '-f', '{{.Image}}', c);
const idOf = (c: string) => docker(ENGINE, 'inspect', '-f', '{{.Id}}', c);
const log = (op: OperationView) => op.log.map((l) => l.message).join('\n');

async function createStack(name: string, compose: string): Promise<void> {
  const res = await api.create({ name, compose, env: '', deploy: false });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify((await body(res)).error)}`);
}
async function deployOk(name: string, json: object = {}): Promise<OperationView> {
  const res = await api.deploy(name, { wait: true, ...json });
  const b = await body(res);
  if (res.status !== 200) throw new Error(`deploy ${name}: ${res.status} ${JSON.stringify(b.error)}`);
  return b.operation;
}

/**
 * `ref` now names a new image in the registry while the host's tag still points at the old one: what a CI push of
 * `:latest` looks like from a host that pulled it earlier. Returns the new image's id.
 */
async function pushNewImage(ref: string, oldId: string): Promise<string> {
  const next = await buildVariant(ref);
  await docker(ENGINE, 'push', ref);
  await docker(ENGINE, 'tag', oldId, ref);
  return next;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  deployTuning.conditionTimeoutMs = 20_000;
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  for (const i of images) await docker(ENGINE, 'rmi', '-f', i).catch(() => undefined);
  await berth.close();
});

describe('pull_policy: always and missing', () => {
  it('always pulls at each deploy, so a new image behind the tag recreates the container; the plan says so without pulling; a scale pulls nothing', async () => {
    const ref = registryRef('pp-always');
    const v1 = await buildVariant(ref);
    await docker(ENGINE, 'push', ref);
    const name = project('ppalways');
    await createStack(name, file(ref, 'always'));
    const first = await deployOk(name);
    expect(log(first)).toContain(`pulling ${ref} (pull_policy: always)`);
    expect(await imageOf(`${name}-web-1`)).toBe(v1);
    const before = await idOf(`${name}-web-1`);

    const v2 = await pushNewImage(ref, v1);
    const plan: StackPlan = (await body(await api.plan(name))).plan;
    expect(plan.services[0].pull).toEqual({ reason: PULL_ALWAYS_REASON });
    // the plan endpoint did not pull: the host still has the old image under the tag, and the container stays
    expect(plan.services[0].containers[0].action).toBe('keep');
    expect(await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref)).toBe(v1);

    const second = await deployOk(name);
    expect(log(second)).toContain(`pulling ${ref} (pull_policy: always)`);
    expect(log(second)).toMatch(/image id changed/);
    expect(await idOf(`${name}-web-1`)).not.toBe(before);
    expect(await imageOf(`${name}-web-1`)).toBe(v2);

    // a scale adds replicas of the image that runs, without asking the registry
    await pushNewImage(ref, v2);
    const scaled = (await body(await api.scale(name, { service: 'web', replicas: 2, wait: true }))).operation as OperationView;
    expect(scaled.status).toBe('succeeded');
    expect(log(scaled)).not.toMatch(/pulling/);
    expect(await imageOf(`${name}-web-2`)).toBe(v2);
  });

  it('missing does not pull an image the host has: the same new image behind the tag leaves the container alone', async () => {
    const ref = registryRef('pp-missing');
    const v1 = await buildVariant(ref);
    await docker(ENGINE, 'push', ref);
    const name = project('ppmissing');
    await createStack(name, file(ref, 'missing'));
    expect(log(await deployOk(name))).not.toMatch(/pulling/);
    const before = await idOf(`${name}-web-1`);
    await pushNewImage(ref, v1);
    expect((await body(await api.plan(name))).plan.services[0].pull).toBeUndefined();
    const again = await deployOk(name);
    expect(log(again)).not.toMatch(/pulling/);
    expect(await idOf(`${name}-web-1`)).toBe(before);
    expect(await imageOf(`${name}-web-1`)).toBe(v1);
  });

  it('always with a pull that fails stops the deploy before anything changes, naming the image, the policy and the error', async () => {
    // on the host but never pushed: the registry answers "not found"
    const ref = registryRef('pp-gone');
    await buildVariant(ref);
    const name = project('ppgone');
    await createStack(name, file(ref, 'missing'));
    await deployOk(name);
    const before = await idOf(`${name}-web-1`);
    const res = await api.deploy(name, { wait: true, compose: file(ref, 'always') });
    expect(res.status).toBe(409);
    const err = (await body(res)).error;
    expect(err.message).toMatch(
      new RegExp(
        `^Nothing was changed: pulling image ${ref.replace(/[.[\]]/g, '\\$&')} failed \\(web: pull_policy: always\\): Image .* was not found on registry ${h.REGISTRY_OPEN.replace(/[.[\]]/g, '\\$&')}`,
      ),
    );
    expect(err.details.operation.status).toBe('failed');
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-web-1`]);
    expect(await idOf(`${name}-web-1`)).toBe(before);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.State.Status}}', `${name}-web-1`)).toBe('running');
  });
});

describe('pull_policy: never', () => {
  it('a missing image fails preflight naming it and the policy, is not pulled (though the registry has it), and nothing is created', async () => {
    const ref = registryRef('pp-never');
    await buildVariant(ref);
    await docker(ENGINE, 'push', ref);
    await docker(ENGINE, 'rmi', ref);
    const name = project('ppnever');
    await createStack(name, file(ref, 'never'));
    const res = await api.deploy(name);
    expect(res.status).toBe(409);
    expect((await body(res)).error.message).toBe(
      `Nothing was changed: image ${ref} is not on host a, and web sets pull_policy: never, so Berth does not pull it; load it there (docker load) or build it on the host, or set pull_policy: missing to pull it`,
    );
    expect(await projectNames(ENGINE, name)).toEqual([]);
    await expect(docker(ENGINE, 'image', 'inspect', ref)).rejects.toThrow();
  });
});

describe('pull_policy: build', () => {
  const upload = async (name: string, data: Buffer) => (await uploadFolder(host, name, data)).status;

  it('builds on every deploy, also from an unchanged folder, and the plan says why; a scale does not build', async () => {
    const name = project('ppbuild');
    await createStack(name, 'services:\n  web:\n    build: ./web\n    pull_policy: build\n');
    expect(await upload(name, await targz({ 'web/Dockerfile': `FROM ${h.TEST_IMAGE}\nCOPY msg.txt /msg.txt\n${CMD}`, 'web/msg.txt': 'v1' }))).toBe(200);
    expect(log(await deployOk(name))).toMatch(new RegExp(`building ${name}_web`));
    const before = await idOf(`${name}-web-1`);

    const plan: StackPlan = (await body(await api.plan(name))).plan;
    expect(plan.services[0].build).toEqual({ reason: 'pull_policy: build' });
    expect(plan.services[0].containers[0]).toMatchObject({ action: 'recreate', reasons: ['image rebuilt (pull_policy: build)'] });
    expect(log(await deployOk(name))).toMatch(new RegExp(`building ${name}_web`));
    expect(await idOf(`${name}-web-1`)).not.toBe(before);
    expect(await docker(ENGINE, 'exec', `${name}-web-1`, 'cat', '/msg.txt')).toBe('v1');

    const scaled = (await body(await api.scale(name, { service: 'web', replicas: 2, wait: true }))).operation as OperationView;
    expect(scaled.status).toBe('succeeded');
    expect(log(scaled)).not.toMatch(/building/);
  });

  it('without build: the file is refused naming the key', async () => {
    const res = await api.create({
      name: uniqueName('ppnobuild'),
      compose: 'services:\n  web:\n    image: x\n    pull_policy: build\n',
      env: '',
      deploy: false,
    });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/line 4, column \d+: web sets pull_policy: build but has no build: section/);
  });
});
