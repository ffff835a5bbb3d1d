import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import * as planRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/plan/route';
import * as catalogList from '@/app/api/v1/catalog/route';
import * as catalogOne from '@/app/api/v1/catalog/[template]/route';
import * as catalogLogo from '@/app/api/v1/catalog/[template]/logo/route';
import * as renderRoute from '@/app/api/v1/catalog/[template]/render/route';
import * as validateRoute from '@/app/api/v1/hosts/[id]/stacks/validate/route';
import type { CatalogListing, CatalogTemplate, Question } from '@/lib/catalog-types';
import type { StackDetail, StackVersionView } from '@/lib/compose-types';
import { builtinCatalogDir, CatalogStore } from '@/server/catalog/store';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { cleanupProject, projectNames, stackApi } from './stacks-support';
import { docker, freshBerth, harness, params, req, signUp, stackNamer, uniqueName } from './support';

/**
 * The catalog's API against daemon A: every built-in template lists, reads, renders, validates and plans; launches go
 * through the stack service (policy, operation, history); a refused launch leaves nothing; a launched stack remembers
 * its template, version and answers without its passwords.
 */
const ENGINE = harness().DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
let operator = '';
let viewer = '';
const api = stackApi(() => host);
const projects: string[] = [];
const testDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-catalog-test-'));

const project = stackNamer(projects);
const sleeper = `    image: ${harness().TEST_IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n`;

/** Templates only this suite sees: the harness's busybox, so they really run here. */
function writeTestTemplates(): void {
  const files: Record<string, string> = {
    'test-sleeper/template.yml': 'name: Test sleeper\ndescription: busybox that sleeps\ncategories: [Test]\n',
    'test-sleeper/versions/1.0-1/questions.yml': [
      'questions:',
      '  - variable: motto',
      '    type: multiline',
      '    required: true',
      '  - variable: level',
      '    type: int',
      '    default: 3',
      '    min: 1',
      '    max: 5',
      '  - variable: secret',
      '    label: Secret',
      '    type: password',
      '',
    ].join('\n'),
    'test-sleeper/versions/1.0-1/compose.yml': `services:\n  app:\n${sleeper}    environment:\n      MOTTO: "{{motto}}"\n      LEVEL: "{{level}}"\n      SECRET: "{{secret}}"\n`,
    'test-admin/template.yml': 'name: Test admin only\ndescription: for admins\ncategories: [Test]\nadministrator_only: true\n',
    'test-admin/versions/1/compose.yml': `services:\n  app:\n${sleeper}`,
    'test-privileged/template.yml': 'name: Test privileged\ndescription: asks for privileged settings\ncategories: [Test]\n',
    'test-privileged/versions/1/compose.yml': `services:\n  app:\n${sleeper}    privileged: true\n    cap_add: [SYS_ADMIN]\n  other:\n${sleeper}`,
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(testDir, f)), { recursive: true });
    fs.writeFileSync(path.join(testDir, f), text);
  }
}

const tp = (template: string) => params({ id: host, template });
const list = (query = '', token?: string) => catalogList.GET(req(`/api/v1/catalog${query}`, { token }), params({}));
const readOne = (template: string, token?: string) => catalogOne.GET(req(`/api/v1/catalog/${template}`, { token }), tp(template));
const render = (template: string, json: unknown, token?: string) =>
  renderRoute.POST(req(`/api/v1/catalog/${template}/render`, { method: 'POST', json, token }), tp(template));
const deploy = (template: string, json: unknown, token?: string) =>
  deployRoute.POST(req(`/api/v1/hosts/${host}/catalog/${template}/deploy`, { method: 'POST', json, token }), tp(template));
const planStep = (template: string, json: unknown, token?: string) =>
  planRoute.POST(req(`/api/v1/hosts/${host}/catalog/${template}/plan`, { method: 'POST', json, token }), tp(template));
const validate = (compose: string, env = '') =>
  validateRoute.POST(req(`/api/v1/hosts/${host}/stacks/validate`, { method: 'POST', json: { compose, env } }), params({ id: host }));

/** An answer for every required question without a default, as a user filling the form would give. */
function answersFor(questions: Question[], galera: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const q of questions) {
    if (q.default !== undefined || !q.required) continue;
    if (q.type === 'service') out[q.variable] = `${galera}/lb`;
    else if (q.type === 'password') out[q.variable] = 'Catalog-test-password-1';
    else if (q.type === 'int' || q.type === 'float') out[q.variable] = q.min ?? 1;
    else if (q.type === 'enum') out[q.variable] = q.options![0];
    else if (q.type === 'boolean') out[q.variable] = 'false';
    else out[q.variable] = 'catalogtest';
  }
  return out;
}

let galera = '';

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  writeTestTemplates();
  berth.catalog = new CatalogStore([builtinCatalogDir(), testDir]);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  operator = await signUp(berth, uniqueName('op'), 'operator');
  viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
  deployTuning.conditionTimeoutMs = 20_000;
  // a stand-in "Galera cluster" stack with an lb service, for the service question of wordpress-galera
  galera = project('galera');
  const res = await api.create({ name: galera, compose: `services:\n  lb:\n${sleeper}`, env: '', deploy: true });
  expect(res.status, await res.clone().text()).toBe(201);
});

afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  fs.rmSync(testDir, { recursive: true, force: true });
  await berth?.close();
});

describe('catalog: list and read', () => {
  it('lists the templates for any signed-in user, searches and filters by category; problems only for admins', async () => {
    const res = await list('', viewer);
    expect(res.status).toBe(200);
    const all = (await res.json()) as CatalogListing;
    const ids = all.templates.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['wordpress', 'mariadb-galera', 'wordpress-galera', 'test-sleeper']));
    expect(all.problems).toEqual([]);
    expect(all.categories).toContain('Cluster');
    const wp = all.templates.find((t) => t.id === 'wordpress')!;
    expect(wp.versions).toEqual(['6-1']);
    // the logo by URL (its digest in it), served as the SVG the template folder holds, kept by the browser for good
    expect(wp.logo).toMatch(/^\/api\/v1\/catalog\/wordpress\/logo\?v=[0-9a-f]{16}$/);
    const logo = await catalogLogo.GET(req(wp.logo!, { token: viewer }), params({ template: 'wordpress' }));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('cache-control')).toContain('immutable');
    expect(logo.headers.get('content-security-policy')).toContain('sandbox');
    expect(await logo.text()).toBe(fs.readFileSync(path.join(builtinCatalogDir(), 'wordpress', 'logo.svg'), 'utf8'));
    const none = await catalogLogo.GET(req('/api/v1/catalog/no-such/logo', { token: viewer }), params({ template: 'no-such' }));
    expect(none.status).toBe(404);
    expect(await catalogLogo.GET(req(wp.logo!, { token: null }), params({ template: 'wordpress' })).then((r) => r.status)).toBe(401);
    expect(JSON.stringify(all)).not.toContain('services:');

    const galeraOnly = (await (await list('?q=galera%20wordpress')).json()) as CatalogListing;
    expect(galeraOnly.templates.map((t) => t.id)).toEqual(['wordpress-galera']);
    const cluster = (await (await list('?category=cluster')).json()) as CatalogListing;
    expect(cluster.templates.map((t) => t.id).sort()).toEqual(['mariadb-galera', 'wordpress-galera']);
  });

  it('reads one template with versions, questions and README, without password defaults; 404 names a missing one', async () => {
    const res = await readOne('mariadb-galera', viewer);
    expect(res.status).toBe(200);
    const { template } = (await res.json()) as { template: CatalogTemplate };
    expect(template.readme).toMatch(/Galera/);
    expect(template.versions[0].questions.map((q) => q.variable)).toEqual(['root_password', 'db_name', 'db_user', 'db_password', 'cluster_name', 'lb_port']);
    expect(template.versions[0].questions.filter((q) => q.type === 'password' && 'default' in q)).toEqual([]);
    const missing = await readOne('no-such-template');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/no template no-such-template/);
  });
});

describe('catalog: every built-in template renders, validates and plans', () => {
  it('each one', { timeout: 180_000 }, async () => {
    const { templates } = await berth.catalog.load();
    const builtIn = templates.filter((x) => x.origin.catalog === 'berth' && !x.id.startsWith('test-'));
    expect(builtIn.length).toBeGreaterThanOrEqual(3);
    for (const t of builtIn) {
      for (const v of t.versions) {
        const answers = answersFor(v.questions, galera);
        const r = await render(t.id, { version: v.version, answers, host });
        const body = await r.json();
        expect(r.status, `${t.id} ${v.version}: ${JSON.stringify(body.error)}`).toBe(200);
        expect(body.compose).not.toContain('{{');
        expect(body.compose).not.toContain('Catalog-test-password-1');
        const val = await (
          await validate(
            body.compose,
            v.questions
              .filter((q) => q.type === 'password')
              .map((q) => `${q.variable}=x`)
              .join('\n'),
          )
        ).json();
        expect(val, `${t.id}: ${JSON.stringify(val.issues)}`).toMatchObject({ ok: true });
        // the launch's plan step: what it would create on the host, with nothing saved
        const name = project(`plan-${t.id}`).slice(0, 60);
        const plan = await planStep(t.id, { stack: name, version: v.version, answers });
        const p = await plan.json();
        expect(plan.status, `${t.id}: ${JSON.stringify(p.error)}`).toBe(200);
        expect(p.plan.summary.create, t.id).toBeGreaterThan(0);
        expect((await api.get(name)).status).toBe(404);
      }
    }
  });
});

describe('catalog: render', () => {
  it('keeps hostile answers literal and passwords out of the Preview', async () => {
    const motto = 'a: b\n{x}\n$HOME "q" \'s\' ; rm -rf / *a &a !!python/object';
    const r = await render('test-sleeper', { answers: { motto, secret: 'Pa$$-w0rd' } });
    const { compose, version } = await r.json();
    expect(r.status).toBe(200);
    expect(version).toBe('1.0-1');
    expect(compose).toContain('SECRET: "${secret}"');
    expect(compose).not.toContain('Pa$$-w0rd');
    expect(compose).toContain('LEVEL: 3');
  });

  it('refuses a missing required answer, a range failure and a removed service stack, naming each', async () => {
    const bad = await render('test-sleeper', { answers: { level: 9 } });
    expect(bad.status).toBe(400);
    const issues = Object.fromEntries(((await bad.json()).error.details.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    expect(issues).toEqual({ 'answers.motto': 'motto is required', 'answers.level': 'level must be at most 5' });
    const gone = await render('wordpress-galera', { answers: { database: 'removed-cluster/lb', db_password: 'x' }, host });
    expect(gone.status).toBe(400);
    expect((await gone.json()).error.message).toBe(
      'Galera cluster: stack removed-cluster is not deployed on this host (it was removed, or never ran here); choose a stack that runs on it',
    );
    const noService = await render('wordpress-galera', { answers: { database: `${galera}/db`, db_password: 'x' }, host });
    expect((await noService.json()).error.message).toBe(`Galera cluster: stack ${galera} has no service db (it has: lb)`);
  });
});

describe("catalog: the launch's plan step", () => {
  it('says what a launch would create and pull on the host, and changes nothing', async () => {
    const name = project('planstep');
    const res = await planStep('test-sleeper', { stack: name, answers: { motto: 'hello' } }, operator);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.plan.project).toBe(name);
    expect(body.plan.summary).toMatchObject({ create: 1, recreate: 0, remove: 0 });
    expect(body.plan.services.map((s: { name: string }) => s.name)).toEqual(['app']);
    // the harness image is on the host: nothing to pull, no registry to warn about
    expect(body.plan.services[0].pull).toBeUndefined();
    expect(body.plan.warnings ?? []).toEqual([]);
    expect((await api.get(name)).status).toBe(404);
    expect(await projectNames(ENGINE, name)).toEqual([]);
  });

  it('refuses what the launch would refuse, naming it: a missing answer, a taken name, an admin-only template, a viewer', async () => {
    const name = project('planbad');
    const missing = await planStep('test-sleeper', { stack: name, answers: {} }, operator);
    expect(missing.status).toBe(400);
    expect(JSON.stringify((await missing.json()).error)).toContain('motto');
    const taken = await planStep('test-sleeper', { stack: galera, answers: { motto: 'x' } }, operator);
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toBe(`A stack named ${galera} already exists on this host; choose another name`);
    expect((await planStep('test-admin', { stack: name, answers: {} }, operator)).status).toBe(403);
    expect((await planStep('test-sleeper', { stack: name, answers: { motto: 'x' } }, viewer)).status).toBe(403);
    expect((await api.get(name)).status).toBe(404);
  });
});

describe('catalog: deploy', () => {
  it('refuses an administrator-only template to an operator, and leaves no stack', async () => {
    const name = project('adm');
    const res = await deploy('test-admin', { stack: name, answers: {}, wait: true }, operator);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe(
      'Test admin only is an administrator-only template (it needs settings the operator policy refuses); ask an admin to launch it',
    );
    expect((await api.get(name)).status).toBe(404);
    // a viewer may not launch anything
    expect((await deploy('test-sleeper', { stack: name, answers: { motto: 'x' } }, viewer)).status).toBe(403);
  });

  it('a launch the container policy refuses names the settings and leaves no stack and no containers', async () => {
    const name = project('priv');
    const res = await deploy('test-privileged', { stack: name, answers: {}, wait: true }, operator);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(403);
    expect(body.error.message).toMatch(/privileged/);
    expect(body.error.message).toMatch(/SYS_ADMIN/);
    expect((await api.get(name)).status).toBe(404);
    expect(await projectNames(ENGINE, name)).toEqual([]);
    // a first deploy that fails on the host (here an admin's: these machines cannot apply the capabilities) is undone
    // and the stack forgotten too, so the name is free again
    const admin = await deploy('test-privileged', { stack: name, answers: {}, wait: true });
    expect(admin.status).toBeGreaterThanOrEqual(400);
    expect((await api.get(name)).status).toBe(404);
    expect(await projectNames(ENGINE, name)).toEqual([]);
    const free = await deploy('test-sleeper', { stack: name, answers: { motto: 'x' }, wait: true }, operator);
    expect(free.status, JSON.stringify(await free.clone().json())).toBe(201);
  });

  it('launches a template as a stack that remembers its template, version and answers, never its password', async () => {
    const name = project('sleeper');
    const motto = 'two\nlines: {x} $HOME "q" ; rm -rf / *a';
    const res = await deploy('test-sleeper', { stack: name, answers: { motto, level: '4' }, wait: true }, operator);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.operation.status).toBe('succeeded');
    expect(body.stack).toEqual({ name, hostId: host });

    // the container got the answers literally, and the generated password through the sealed .env
    const env = JSON.parse(await docker(ENGINE, 'inspect', '-f', '{{json .Config.Env}}', `${name}-app-1`)) as string[];
    const value = (k: string) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);
    expect(value('MOTTO')).toBe(motto);
    expect(value('LEVEL')).toBe('4');
    const secret = value('SECRET')!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const detail = (await (await api.get(name)).json()).stack as StackDetail;
    expect(detail.template).toEqual({ templateId: 'test-sleeper', version: '1.0-1', answers: { motto, level: 4 } });
    expect(detail.compose).toContain('SECRET: "${secret}"');
    const versions = (await (await api.versions(name)).json()).versions as StackVersionView[];
    expect(versions).toHaveLength(1);
    // no API answer (detail, history, list) carries the password; the store has it only sealed
    for (const text of [JSON.stringify(detail), JSON.stringify(versions), await (await api.list()).text()]) expect(text).not.toContain(secret);
    const rows = await berth.db.selectFrom('stacks').select(['compose', 'env']).where('name', '=', name).execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
    const ref = await berth.db.selectFrom('stack_templates').selectAll().execute();
    expect(JSON.stringify(ref)).not.toContain(secret);

    // a second launch under the same name is a conflict, and changes nothing
    const again = await deploy('test-sleeper', { stack: name, answers: { motto: 'x' }, wait: true }, operator);
    expect(again.status).toBe(409);
    expect((await (await api.get(name)).json()).stack.template.answers.motto).toBe(motto);
  });

  it('answers at once with the running operation without wait', async () => {
    const name = project('nowait');
    const res = await deploy('test-sleeper', { stack: name, answers: { motto: 'hi', secret: 'Typed-Secret-0123' } }, operator);
    expect(res.status).toBe(202);
    // the audit entry of the launch keeps no answer (a password answer may have any name)
    const audit = await berth.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).toContain('/catalog/');
    expect(JSON.stringify(audit)).not.toContain('Typed-Secret-0123');
    const { operation } = await res.json();
    expect(operation.status).toBe('running');
    for (let i = 0; i < 200; i++) {
      const op = (await (await api.operation(name, operation.id)).json()).operation;
      if (op.status !== 'running') {
        expect(op.status).toBe('succeeded');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the deploy did not finish');
  });
});
