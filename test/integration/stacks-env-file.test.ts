import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as folderRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/folder/route';
import * as validateRoute from '@/app/api/v1/hosts/[id]/stacks/validate/route';
import type { StackPlan } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { targz, uploadFolder } from './stack-folder-support';
import { cleanupProject, projectNames, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

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

const upload = (name: string, data: Buffer) => uploadFolder(host, name, data);

const validate = (json: unknown) => validateRoute.POST(req(`/api/v1/hosts/${host}/stacks/validate`, { method: 'POST', json }), params({ id: host }));

/** A service of the harness busybox that sleeps until stopped, reading `envFile` (YAML) as its env_file. */
const composeWith = (envFile: string) =>
  `services:\n  web:\n    image: ${harness().TEST_IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n    env_file: ${envFile}\n`;

async function createStack(name: string, compose: string, env = ''): Promise<void> {
  const res = await api.create({ name, compose, env, deploy: false });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify((await body(res)).error)}`);
}

const envOf = async (container: string) =>
  (await docker(ENGINE, 'inspect', '-f', '{{json .Config.Env}}', container).then((o) => JSON.parse(o) as string[])).sort();

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  deployTuning.conditionTimeoutMs = 20_000;
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  await berth.close();
});

describe('env_file from the stack folder archive', () => {
  it('deploys a service whose env_file entries are files of the uploaded folder; a changed file recreates it', async () => {
    const name = project('envf');
    const compose = composeWith('[web.env, ./conf/more.env]');
    // a new stack is saved before its folder can be uploaded; until then the editor and plan say to upload it
    await createStack(name, compose, 'TYPED=1\n');
    const early = await body(await validate({ compose, env: '', stack: name }));
    expect(early.ok).toBe(false);
    expect(early.issues[0].message).toMatch(
      /env_file "web.env" is not in the stack's folder: the stack has no uploaded folder yet .*Upload the folder holding web.env/,
    );
    const noFolder = await api.plan(name);
    expect(noFolder.status).toBe(400);
    expect((await body(noFolder)).error.message).toMatch(/no uploaded folder yet/);

    const up = await upload(
      name,
      await targz({
        'docker-compose.yml': compose,
        'web.env': 'GREETING=hello from web.env\nSHARED=web\n',
        'conf/more.env': '# more\nDB_HOST=db.internal\nSHARED=more\n',
        '.env': 'TYPED=from-archive\n',
      }),
    );
    expect(up.status).toBe(200);
    expect((await body(up)).message).toMatch(/its \.env is not read \(the \.env typed in the editor is used/);
    // the editor's check sees the folder as the deploy does
    expect(await body(await validate({ compose, env: '', stack: name }))).toMatchObject({ ok: true, issues: [] });

    const op = (await body(await api.deploy(name))).operation;
    expect(op.status).toBe('succeeded');
    const env = await envOf(`${name}-web-1`);
    expect(env).toEqual(expect.arrayContaining(['GREETING=hello from web.env', 'DB_HOST=db.internal', 'SHARED=more']));
    expect(env.some((e) => e.startsWith('TYPED='))).toBe(false); // .env only where env_file names it

    // a new upload with another value is seen at once (the cache is per archive) and recreates the container
    expect((await upload(name, await targz({ 'web.env': 'GREETING=changed\n', 'conf/more.env': 'DB_HOST=db.internal\n' }))).status).toBe(200);
    const plan: StackPlan = (await body(await api.plan(name))).plan;
    expect(plan.services[0].containers[0]).toMatchObject({ action: 'recreate' });
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    expect(await envOf(`${name}-web-1`)).toEqual(expect.arrayContaining(['GREETING=changed', 'DB_HOST=db.internal']));

    // scale and export load the same model
    const scaled = (await body(await api.scale(name, { service: 'web', replicas: 2, wait: true }))).operation;
    expect(scaled.status).toBe('succeeded');
    expect(await envOf(`${name}-web-2`)).toEqual(expect.arrayContaining(['GREETING=changed']));
    expect(await (await api.export(name)).text()).toMatch(/env_file: \[ web\.env, \.\/conf\/more\.env \][\s\S]*replicas: 2/);
  });

  it('refuses env_file paths that leave the folder, files not in it (listing what it holds) and symlinks; nothing is created', async () => {
    const name = project('envbad');
    await createStack(name, composeWith('web.env'));
    const folder = await targz({ 'web.env': 'A=1\n', 'app/Dockerfile': 'FROM x\n', 'out.env': { symlink: '../../../../etc/shadow' } });
    expect((await upload(name, folder)).status).toBe(200);
    const deploy = async (envFile: string) => {
      const res = await api.deploy(name, { compose: composeWith(envFile), wait: true });
      expect(res.status).toBe(400);
      return (await body(res)).error.message as string;
    };
    expect(await deploy('../x.env')).toMatch(/env_file "..\/x.env" leaves the stack's folder/);
    expect(await deploy('/etc/shadow')).toMatch(/env_file "\/etc\/shadow" is an absolute path/);
    expect(await deploy('missing.env')).toMatch(
      /env_file "missing.env" is not in the stack's folder project.tar.gz \(it holds: \.env \(typed in the editor\), app\/Dockerfile, out\.env, web\.env\); add missing.env/,
    );
    const link = await deploy('out.env');
    expect(link).toMatch(/env_file "out.env" is in the stack's folder but is a symbolic link .*never follows/);
    expect(link).not.toMatch(/root:/);
    // the editor shows the same
    const shown = await body(await validate({ compose: composeWith('out.env'), env: '', stack: name }));
    expect(shown.issues[0].message).toBe(link.replace(/^The compose file has 1 problem: line \d+, column \d+: /, ''));
    expect(await projectNames(ENGINE, name)).toEqual([]);
  });

  it('a new stack deployed at once with an env_file of the folder is refused before anything is saved', async () => {
    const name = project('envnew');
    const res = await api.create({ name, compose: composeWith('web.env'), env: '', deploy: true });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/no uploaded folder yet .*\(a new stack: save it first\)/);
    expect((await api.get(name)).status).toBe(404);
  });

  it('a rollback deploys with the folder of its version, which becomes the stack folder again; a folder no longer kept is refused', async () => {
    const name = project('envrb');
    await createStack(name, composeWith('web.env'));
    const folderSha = async () =>
      (await body(await folderRoute.GET(req(`/api/v1/hosts/${host}/stacks/${name}/folder`), params({ id: host, name })))).folder.sha256 as string;
    expect((await upload(name, await targz({ 'web.env': 'GREETING=one\n' }))).status).toBe(200);
    const first = await folderSha();
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    expect((await upload(name, await targz({ 'web.env': 'GREETING=two\n' }))).status).toBe(200);
    expect((await body(await api.deploy(name))).operation.status).toBe('succeeded');
    expect(await envOf(`${name}-web-1`)).toContain('GREETING=two');

    const back = await api.rollback(name, { version: 1, wait: true });
    expect(back.status).toBe(200);
    expect(await envOf(`${name}-web-1`)).toContain('GREETING=one');
    expect(await folderSha()).toBe(first);

    // Berth keeps the folders of recent versions only: without version 2's copy its rollback is refused, nothing changes
    const dir = path.join(berth.config.dataDir, 'stack-folders');
    for (const f of fs.readdirSync(dir)) if (f.includes('@') && !f.includes(first)) fs.rmSync(path.join(dir, f));
    const gone = await api.rollback(name, { version: 2, wait: true });
    expect(gone.status).toBe(400);
    expect((await body(gone)).error.message).toMatch(/The stack folder version 2 was deployed with is no longer kept .*upload that folder again/);
    expect(await envOf(`${name}-web-1`)).toContain('GREETING=one');
  });
});
