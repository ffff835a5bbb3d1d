import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import * as catalogRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/catalog/route';
import * as upgradeRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/catalog/upgrade/route';
import * as finishRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/finish/route';
import type { StackCatalogView } from '@/lib/catalog-upgrade';
import { CatalogStore } from '@/server/catalog/store';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, freshBerth, harness, params, req, signUp, stackNamer, uniqueName } from './support';

/**
 * Upgrading a catalog app in place, against daemon A: a template of this suite's own with three versions (the harness
 * busybox, so they run here). Launch 1.0, see 2.0 offered with only its new questions (3.0 refused by upgrade_from),
 * plan it without changing anything, refuse bad input changing nothing, upgrade keeping the old answers and the
 * password, and roll back through the history to 1.0, which the catalog card then shows again.
 */
const ENGINE = harness().DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
let operator = '';
let viewer = '';
const api = stackApi(() => host);
const projects: string[] = [];
const testDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-catalog-upgrade-'));

const project = stackNamer(projects);
const sleeper = `    image: ${harness().TEST_IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n`;
const q1 = ['questions:', '  - variable: motto', '    type: string', '    required: true', '  - variable: secret', '    type: password', ''];
const q2 = [
  ...q1.slice(0, -1),
  '  - variable: colour',
  '    label: Colour',
  '    type: string',
  '    required: true',
  '  - variable: api_key',
  '    type: password',
  '',
];
/** a second tag of the harness image, so a version can change only the image */
const NEW_IMAGE = `${harness().TEST_IMAGE.split(':')[0]}:catalog-upgrade-${process.pid}`;
const healthy = '    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1s\n';
const env1 = '    environment:\n      MOTTO: "{{motto}}"\n      SECRET: "{{secret}}"\n';
const env2 = `${env1}      COLOUR: "{{colour}}"\n      API_KEY: "{{api_key}}"\n`;

function writeTemplates(): void {
  const files: Record<string, string> = {
    'test-upgrade/template.yml': 'name: Test upgrade\ndescription: busybox in three versions\ncategories: [Test]\n',
    'test-upgrade/versions/1.0/questions.yml': q1.join('\n'),
    'test-upgrade/versions/1.0/compose.yml': `services:\n  app:\n${sleeper}${env1}      RELEASE: "1"\n`,
    'test-upgrade/versions/2.0/questions.yml': q2.join('\n'),
    'test-upgrade/versions/2.0/compose.yml': `services:\n  app:\n${sleeper}${env2}      RELEASE: "2"\n`,
    'test-upgrade/versions/3.0/questions.yml': ['upgrade_from: ">=2.0"', ...q2].join('\n'),
    'test-upgrade/versions/3.0/compose.yml': `services:\n  app:\n${sleeper}${env2}      RELEASE: "3"\n`,
    'test-upgrade-priv/template.yml': 'name: Test upgrade privileged\ndescription: its 2.0 asks for privileged\ncategories: [Test]\n',
    'test-upgrade-priv/versions/1.0/compose.yml': `services:\n  app:\n${sleeper}`,
    'test-upgrade-priv/versions/2.0/compose.yml': `services:\n  app:\n${sleeper}    privileged: true\n`,
    'test-upgrade-admin/template.yml': 'name: Test upgrade admin\ndescription: administrator only\ncategories: [Test]\nadministrator_only: true\n',
    'test-upgrade-admin/versions/1.0/compose.yml': `services:\n  app:\n${sleeper}`,
    'test-upgrade-admin/versions/2.0/compose.yml': `services:\n  app:\n${sleeper}    environment: [RELEASE=2]\n`,
    'test-rolling/template.yml': 'name: Test rolling\ndescription: its 2.0 changes only the image\ncategories: [Test]\n',
    'test-rolling/versions/1.0/compose.yml': `services:\n  app:\n${sleeper}${healthy}`,
    'test-rolling/versions/2.0/compose.yml': `services:\n  app:\n${sleeper.replace(harness().TEST_IMAGE, NEW_IMAGE)}${healthy}`,
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(testDir, f)), { recursive: true });
    fs.writeFileSync(path.join(testDir, f), text);
  }
}

const sp = (name: string) => params({ id: host, name });
const launch = (template: string, json: unknown, token?: string) =>
  deployRoute.POST(req(`/api/v1/hosts/${host}/catalog/${template}/deploy`, { method: 'POST', json, token }), params({ id: host, template }));
const card = (name: string, query = '', token?: string) => catalogRoute.GET(req(`/api/v1/hosts/${host}/stacks/${name}/catalog${query}`, { token }), sp(name));
const upgrade = (name: string, json: unknown, token?: string) =>
  upgradeRoute.POST(req(`/api/v1/hosts/${host}/stacks/${name}/catalog/upgrade`, { method: 'POST', json, token }), sp(name));

const cardOf = async (name: string, query = '') => {
  const res = await card(name, query);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.catalog as StackCatalogView;
};
const containerEnv = async (name: string) => {
  const env = JSON.parse(await docker(ENGINE, 'inspect', '-f', '{{json .Config.Env}}', `${name}-app-1`)) as string[];
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
};
const versionCount = async (name: string) => ((await (await api.versions(name)).json()).versions as unknown[]).length;
const recordOf = async (name: string) => {
  const row = await berth.db
    .selectFrom('stack_templates')
    .innerJoin('stacks', 'stacks.id', 'stack_templates.stack_id')
    .select(['stack_templates.version', 'stack_templates.answers'])
    .where('stacks.name', '=', name)
    .executeTakeFirstOrThrow();
  return { version: row.version, answers: JSON.parse(row.answers) };
};

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  writeTemplates();
  await docker(ENGINE, 'tag', harness().TEST_IMAGE, NEW_IMAGE);
  berth.catalog = new CatalogStore([testDir]);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  operator = await signUp(berth, uniqueName('op'), 'operator');
  viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
  deployTuning.conditionTimeoutMs = 20_000;
  expect((await berth.catalog.load()).problems).toEqual([]);
});

afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  await docker(ENGINE, 'rmi', NEW_IMAGE).catch(() => undefined);
  fs.rmSync(testDir, { recursive: true, force: true });
  await berth?.close();
});

describe('catalog upgrade', () => {
  it('a stack not launched from the catalog has no card and no upgrade (404, reason not-from-catalog)', async () => {
    const name = project('plain');
    const res = await api.create({ name, compose: `services:\n  app:\n${sleeper}`, env: '', deploy: true });
    expect(res.status, await res.clone().text()).toBe(201);
    const got = await card(name);
    expect(got.status).toBe(404);
    const body = await got.json();
    expect(body.error.message).toMatch(`Stack ${name} was not launched from the catalog`);
    expect(body.error.details).toEqual({ reason: 'not-from-catalog' });
    const up = await upgrade(name, { version: '2.0', answers: {}, wait: true });
    expect(up.status).toBe(404);
    expect(await versionCount(name)).toBe(1);
  });

  it('launch 1.0, offer 2.0 with only its new questions, plan, refuse bad input, upgrade keeping answers, roll back', { timeout: 120_000 }, async () => {
    const name = project('app');
    const launched = await launch('test-upgrade', { stack: name, version: '1.0', answers: { motto: 'keep: me $HOME' }, wait: true }, operator);
    expect(launched.status, await launched.clone().text()).toBe(201);
    const before = await containerEnv(name);
    expect(before).toMatchObject({ MOTTO: 'keep: me $HOME', RELEASE: '1' });
    const secret = before.SECRET;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);

    // the card: 1.0 runs, 2.0 is offered with its two new questions; 3.0 needs 2.0 first
    const c = await cardOf(name);
    expect(c).toMatchObject({
      templateId: 'test-upgrade',
      templateName: 'Test upgrade',
      version: '1.0',
      answers: { motto: 'keep: me $HOME' },
      upgrades: ['2.0'],
    });
    expect(c.refused).toEqual([{ version: '3.0', reason: 'it upgrades only from versions >=2.0, and this stack runs 1.0' }]);
    expect(c.target?.version).toBe('2.0');
    expect(c.target?.questions.map((q) => q.variable)).toEqual(['colour', 'api_key']);
    expect(JSON.stringify(c)).not.toContain(secret);
    expect((await card(name, '?version=1.0')).status).toBe(400);
    expect((await card(name, '', viewer)).status).toBe(200);

    // plan: the change is shown, nothing changes
    const planned = await upgrade(name, { version: '2.0', answers: { colour: 'blue' }, plan: true }, operator);
    const p = await planned.json();
    expect(planned.status, JSON.stringify(p)).toBe(200);
    expect(p.version).toBe('2.0');
    // more than the image changes (and no health check): an ordinary deploy, not a two-phase upgrade
    expect(p.rolling).toBeNull();
    expect(p.plan.summary).toMatchObject({ create: 0, recreate: 1, remove: 0 });
    expect(p.compose).toContain('COLOUR: "blue"');
    expect(p.compose).toContain('SECRET: "${secret}"');
    expect(JSON.stringify(p)).not.toContain(secret);

    const unchanged = async () => {
      expect(await versionCount(name)).toBe(1);
      expect(await recordOf(name)).toEqual({ version: '1.0', answers: { motto: 'keep: me $HOME' } });
      expect(await containerEnv(name)).toEqual(before);
    };
    await unchanged();

    // bad input: each named, nothing changed
    const bad = async (json: unknown, status: number, message: RegExp, token: string | undefined = operator) => {
      const res = await upgrade(name, json, token);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.message).toMatch(message);
      return body;
    };
    const missing = await bad({ version: '2.0', answers: {}, wait: true }, 400, /Colour is required/);
    expect(missing.error.details.issues).toEqual([{ path: 'answers.colour', message: 'Colour is required' }]);
    await bad({ version: '1.0', answers: {}, wait: true }, 400, /1.0 of Test upgrade is not newer than the deployed 1.0/);
    await bad({ version: '3.0', answers: { colour: 'x' }, wait: true }, 400, /3.0 of Test upgrade cannot be reached from 1.0: .*upgrade to 2.0 first/);
    await bad({ version: '9.0', answers: {}, wait: true }, 404, /has no version 9.0/);
    await bad({ version: '2.0', answers: { colour: 'x', secret: 'new-one' }, wait: true }, 400, /secret was set when the app was launched/);
    await bad({ version: '2.0', answers: { colour: 'x', nope: 1 }, wait: true }, 400, /nope is not a question of this template/);
    await bad({ version: 'latest', answers: {} }, 400, /version/);
    await bad({ version: '2.0', answers: { colour: 'x' }, wait: true }, 403, /./, viewer);
    await unchanged();

    // the upgrade: old answers and the password kept, new answer and a generated new password
    const res = await upgrade(name, { version: '2.0', answers: { colour: 'blue' }, wait: true }, operator);
    const up = await res.json();
    expect(res.status, JSON.stringify(up)).toBe(200);
    expect(up.operation.status).toBe('succeeded');
    const after = await containerEnv(name);
    expect(after).toMatchObject({ MOTTO: 'keep: me $HOME', SECRET: secret, COLOUR: 'blue', RELEASE: '2' });
    expect(after.API_KEY).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await versionCount(name)).toBe(2);
    expect(await recordOf(name)).toEqual({ version: '2.0', answers: { motto: 'keep: me $HOME', colour: 'blue' } });
    const c2 = await cardOf(name);
    expect(c2).toMatchObject({ version: '2.0', upgrades: ['3.0'], refused: [] });
    expect(c2.target?.questions).toEqual([]);
    expect(JSON.stringify(c2)).not.toContain(after.API_KEY);

    // rollback through the history: 1.0 runs again and the card says so
    const back = await api.rollback(name, { version: 1, wait: true });
    expect(back.status, await back.clone().text()).toBe(200);
    expect(await containerEnv(name)).toMatchObject({ MOTTO: 'keep: me $HOME', SECRET: secret, RELEASE: '1' });
    const c3 = await cardOf(name);
    expect(c3).toMatchObject({ version: '1.0', answers: { motto: 'keep: me $HOME' }, upgrades: ['2.0'] });
    expect(c3.target?.questions.map((q) => q.variable)).toEqual(['colour', 'api_key']);
    expect((await (await api.get(name)).json()).stack.template.version).toBe('1.0');
    // and forward again, from the rolled-back 1.0
    const again = await upgrade(name, { version: '2.0', answers: { colour: 'green' }, wait: true }, operator);
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await containerEnv(name)).toMatchObject({ SECRET: secret, COLOUR: 'green', RELEASE: '2' });
    expect((await cardOf(name)).version).toBe('2.0');
  });

  it('an upgrade the container policy refuses names the setting and leaves the stack and its record as they were', { timeout: 60_000 }, async () => {
    const name = project('priv');
    const launched = await launch('test-upgrade-priv', { stack: name, version: '1.0', answers: {}, wait: true }, operator);
    expect(launched.status, await launched.clone().text()).toBe(201);
    const id = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-app-1`);
    const res = await upgrade(name, { version: '2.0', answers: {}, wait: true }, operator);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(403);
    expect(body.error.message).toMatch(/privileged/);
    expect(await versionCount(name)).toBe(1);
    expect((await recordOf(name)).version).toBe('1.0');
    expect((await cardOf(name)).version).toBe('1.0');
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}} {{.State.Running}}', `${name}-app-1`)).toBe(`${id} true`);
  });

  it(
    'a version that changes only the image of a service with a health check upgrades two-phase: Finish makes it the version',
    { timeout: 90_000 },
    async () => {
      const name = project('rolling');
      const launched = await launch('test-rolling', { stack: name, version: '1.0', answers: {}, wait: true }, operator);
      expect(launched.status, await launched.clone().text()).toBe(201);
      const planned = await (await upgrade(name, { version: '2.0', answers: {}, plan: true }, operator)).json();
      expect(planned.rolling).toBe('app');
      const res = await upgrade(name, { version: '2.0', answers: {}, wait: true }, operator);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body).toMatchObject({ version: '2.0', rolling: 'app', operation: { kind: 'upgrade', status: 'succeeded' } });
      expect(await docker(ENGINE, 'inspect', '-f', '{{.Config.Image}}', `${name}-app-1`)).toBe(NEW_IMAGE);
      // phase one: the old container waits, stopped, for Finish or Rollback; the stack still runs template 1.0
      expect((await cardOf(name)).version).toBe('1.0');
      expect(await versionCount(name)).toBe(1);
      const fin = await finishRoute.POST(req(`/api/v1/hosts/${host}/stacks/${name}/upgrade/finish`, { method: 'POST', json: { wait: true } }), sp(name));
      expect(fin.status, await fin.clone().text()).toBe(200);
      expect((await cardOf(name)).version).toBe('2.0');
      expect(await versionCount(name)).toBe(2);
    },
  );

  it('an administrator-only template is upgraded by admins only; operators and viewers still see its card', { timeout: 60_000 }, async () => {
    const name = project('admin');
    const launched = await launch('test-upgrade-admin', { stack: name, version: '1.0', answers: {}, wait: true });
    expect(launched.status, await launched.clone().text()).toBe(201);
    expect((await card(name, '', viewer)).status).toBe(200);
    const refused = await upgrade(name, { version: '2.0', answers: {}, plan: true }, operator);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe(
      'Test upgrade admin is an administrator-only template (it needs settings the operator policy refuses); ask an admin to upgrade it',
    );
    expect(await versionCount(name)).toBe(1);
    const res = await upgrade(name, { version: '2.0', answers: {}, wait: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await cardOf(name)).version).toBe('2.0');
  });
});
