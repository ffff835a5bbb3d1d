import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as folderRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/folder/route';
import { listAudit } from '@/server/audit/log';
import type { StackPlan } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { targz, uploadFolder } from './stack-folder-support';
import { cleanupProject, compose, composeClient, projectNames, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const allowedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-allowed-'));
const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-outside-'));
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const body = async (r: Response) => r.json();

const project = (p: string) => {
  const n = uniqueName(p);
  projects.push(n);
  return n;
};

/** A long sleep that ends at once on SIGTERM, so stops are quick. */
const CMD = `CMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`;
const dockerfile = (extra = '') => `FROM ${harness().TEST_IMAGE}\nCOPY msg.txt /msg.txt\n${extra}${CMD}`;
const COMPOSE = 'services:\n  web:\n    build: ./web\n';

const folderUrl = (name: string) => `/api/v1/hosts/${host}/stacks/${name}/folder`;
const folderParams = (name: string) => params({ id: host, name });
const upload = (name: string, data: Buffer, fileName?: string) => uploadFolder(host, name, data, fileName);

async function createStack(name: string, compose = COMPOSE): Promise<void> {
  const res = await api.create({ name, compose, env: '', deploy: false });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify((await body(res)).error)}`);
}

const inContainer = (c: string) => docker(ENGINE, 'exec', c, 'cat', '/msg.txt');
const idOf = (c: string) => docker(ENGINE, 'inspect', '-f', '{{.Id}}', c);

beforeAll(async () => {
  berth = await freshBerth('sqlite', { BERTH_BUILD_CONTEXT_PATHS: allowedDir });
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  deployTuning.conditionTimeoutMs = 20_000;
});
afterAll(async () => {
  for (const p of projects) {
    await cleanupProject(ENGINE, p);
    await docker(ENGINE, 'rmi', '-f', `${p}_web`, `${p}-web`).catch(() => undefined);
  }
  fs.rmSync(allowedDir, { recursive: true, force: true });
  fs.rmSync(outsideDir, { recursive: true, force: true });
  await berth.close();
});

describe('build: from the stack folder archive', () => {
  it('deploys a service built from the uploaded folder; a changed file makes the plan rebuild and the deploy recreate', async () => {
    const name = project('bld');
    await createStack(name);
    const up = await upload(name, await targz({ 'docker-compose.yml': COMPOSE, 'web/Dockerfile': dockerfile(), 'web/msg.txt': 'v1' }));
    expect(up.status).toBe(200);
    // the activity log records the upload by type and size, never its content
    const [entry] = await listAudit(berth.db, { action: `stacks/{name}/folder`, limit: 1 });
    expect(entry).toMatchObject({ action: 'POST /api/v1/hosts/{id}/stacks/{name}/folder', result: 'ok', status: 200 });
    expect(JSON.parse(entry.details!)).toEqual({ upload: 'multipart/form-data', bytes: expect.any(Number) });
    expect(JSON.parse(entry.details!).bytes).toBeGreaterThan(100);
    const info = await body(await folderRoute.GET(req(folderUrl(name)), folderParams(name)));
    expect(info.folder).toMatchObject({ name: 'project.tar.gz', fileCount: 3 });
    expect(info.folder.files.map((f: { path: string }) => f.path).sort()).toEqual(['docker-compose.yml', 'web/Dockerfile', 'web/msg.txt']);
    expect(JSON.stringify(info)).not.toContain('COPY msg.txt'); // names and sizes only, never content

    const first: StackPlan = (await body(await api.plan(name))).plan;
    expect(first.services[0]).toMatchObject({ name: 'web', image: `${name}_web`, build: { reason: `image ${name}_web is not on the host` } });
    const op = (await body(await api.deploy(name))).operation;
    expect(op.status).toBe('succeeded');
    expect(op.log.map((l: { message: string }) => l.message).join('\n')).toMatch(/building .*step 2\/4 COPY msg.txt \/msg.txt/i);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-web-1`]);
    expect(await inContainer(`${name}-web-1`)).toBe('v1');
    // the image is named as docker-compose 1.29 names it, and carries what it was built from
    expect(await docker(ENGINE, 'inspect', '-f', '{{index .Config.Labels "io.berth.build-digest"}}', `${name}_web`)).toMatch(/^[0-9a-f]{64}$/);

    const same: StackPlan = (await body(await api.plan(name))).plan;
    expect(same.services[0].build).toBeUndefined();
    expect(same.services[0].containers[0].action).toBe('keep');

    const before = await idOf(`${name}-web-1`);
    expect((await upload(name, await targz({ 'web/Dockerfile': dockerfile(), 'web/msg.txt': 'v2' }))).status).toBe(200);
    const changed: StackPlan = (await body(await api.plan(name))).plan;
    expect(changed.services[0].build).toEqual({ reason: 'build context changed' });
    expect(changed.services[0].containers[0]).toMatchObject({ action: 'recreate', reasons: ['image rebuilt (build context changed)'] });
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    expect(await idOf(`${name}-web-1`)).not.toBe(before);
    expect(await inContainer(`${name}-web-1`)).toBe('v2');

    // scaling adds replicas of the built image without building again, even with the folder gone
    await folderRoute.DELETE(req(folderUrl(name), { method: 'DELETE' }), folderParams(name));
    const scaled = (await body(await api.scale(name, { service: 'web', replicas: 2, wait: true }))).operation;
    expect(scaled.status).toBe('succeeded');
    expect(await inContainer(`${name}-web-2`)).toBe('v2');
    // the export keeps build: as written (with the replica count that runs)
    expect(await (await api.export(name)).text()).toMatch(/build: \.\/web[\s\S]*replicas: 2|replicas: 2[\s\S]*build: \.\/web/);
  });

  it('a failing RUN fails the deploy naming the step, and the previous version keeps running', async () => {
    const name = project('bldfail');
    await createStack(name);
    await upload(name, await targz({ 'web/Dockerfile': dockerfile(), 'web/msg.txt': 'v1' }));
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    const before = await idOf(`${name}-web-1`);

    await upload(name, await targz({ 'web/Dockerfile': dockerfile('RUN exit 3\n'), 'web/msg.txt': 'v2' }));
    const res = await api.deploy(name);
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err.message).toMatch(new RegExp(`web: building image ${name}_web failed: Step 3/5 \\(RUN exit 3\\) failed: .*returned a non-zero code: 3`));
    expect(err.details.operation.services).toEqual([expect.objectContaining({ service: 'web', state: 'failed' })]);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-web-1`]);
    expect(await idOf(`${name}-web-1`)).toBe(before);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.State.Status}}', `${name}-web-1`)).toBe('running');
    expect(await inContainer(`${name}-web-1`)).toBe('v1');
  });

  it('a relative context with no folder uploaded is refused naming the upload; nothing is created', async () => {
    const name = project('bldnone');
    await createStack(name);
    const res = await api.deploy(name);
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(
      new RegExp(`web builds from "web" in the stack's folder, but no folder was uploaded for stack ${name}: upload the project folder as a .tar or .tar.gz`),
    );
    expect(await projectNames(ENGINE, name)).toEqual([]);
  });

  it('an archive entry leaving the folder is refused; an upload over the limit is a 413', async () => {
    const name = project('bldbad');
    await createStack(name);
    const pack = tar.pack();
    pack.entry({ name: '../evil', mode: 0o644 }, 'x');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    const res = await upload(name, Buffer.concat(chunks), 'evil.tar');
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/archive entry "..\/evil" leaves the folder/);
    const big = await upload(name, Buffer.alloc(65 * 1024 * 1024, 1), 'big.tar');
    expect(big.status).toBe(413);
    expect((await body(big)).error.message).toMatch(/larger than the limit of 64/);
    expect((await body(await folderRoute.GET(req(folderUrl(name)), folderParams(name)))).folder).toBeNull();
  });
});

describe(`build: and ${composeClient(ENGINE).label}`, () => {
  it('compose finds the image Berth built under the name it would give it (up --no-build works)', async () => {
    const name = project('bldcompose');
    await createStack(name);
    await upload(name, await targz({ 'web/Dockerfile': dockerfile(), 'web/msg.txt': 'v1' }));
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    // one image, under 1.29's name and v2's
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web`)).toBe(await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}_web`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-compose-'));
    fs.mkdirSync(path.join(dir, 'web'));
    fs.writeFileSync(path.join(dir, 'web', 'Dockerfile'), dockerfile());
    fs.writeFileSync(path.join(dir, 'web', 'msg.txt'), 'v1');
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), COMPOSE);
    try {
      await compose(ENGINE, name, path.join(dir, 'docker-compose.yml'), 'up', '-d', '--no-build');
      expect(await inContainer(`${name}-web-1`).catch(() => inContainer(`${name}_web_1`))).toBe('v1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('build: from a directory on the Berth server', () => {
  it('is allowed under BERTH_BUILD_CONTEXT_PATHS and refused elsewhere, naming the variable; nothing is created', async () => {
    for (const dir of [allowedDir, outsideDir]) {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile());
      fs.writeFileSync(path.join(dir, 'msg.txt'), 'from the server');
    }
    const ok = project('bldabs');
    await createStack(ok, `services:\n  web:\n    build: ${allowedDir}\n`);
    expect((await body(await api.deploy(ok))).operation.status).toBe('succeeded');
    expect(await inContainer(`${ok}-web-1`)).toBe('from the server');

    const refused = project('bldout');
    await createStack(refused, `services:\n  web:\n    build:\n      context: ${outsideDir}\n`);
    const res = await api.deploy(refused);
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(
      new RegExp(
        `web: build context ${outsideDir} is a directory on the Berth server, which is allowed only under BERTH_BUILD_CONTEXT_PATHS \\(now ${allowedDir}\\); .*upload the stack's folder as an archive`,
      ),
    );
    expect(await projectNames(ENGINE, refused)).toEqual([]);
    expect(await docker(ENGINE, 'images', '-q', `${refused}_web`)).toBe('');
  });
});
