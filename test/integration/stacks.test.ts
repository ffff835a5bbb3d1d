import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationView, StackDetail, StackPlan, StackSummary } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { simulateRestartForTests } from '@/server/stacks/operations';
import { deployTuning } from '@/server/stacks/service';
import { buildStandIns, cleanupProject, removeStandIns, fixture, projectNames, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const extraContainers: string[] = [];

const project = (p: string) => {
  const n = uniqueName(p);
  projects.push(n);
  return n;
};
const body = async (r: Response) => r.json();
const state = (name: string) => docker(ENGINE, 'inspect', '-f', '{{.Id}} {{.State.Status}}', name);

async function createAndDeploy(name: string, compose: string, env = ''): Promise<OperationView> {
  const res = await api.create({ name, compose, env, deploy: true });
  const b = await body(res);
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(b.error)}`);
  return b.operation;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await buildStandIns(ENGINE);
  deployTuning.conditionTimeoutMs = 20_000;
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  for (const c of extraContainers) await docker(ENGINE, 'rm', '-f', c).catch(() => undefined);
  await removeStandIns(ENGINE);
  await berth.close();
});

describe('the seed examples deploy as written', () => {
  it('version 3.1 WordPress + mysql:5.7: two services, named volumes, the published port, compose labels', async () => {
    const name = project('wp');
    const op = await createAndDeploy(name, fixture('wordpress.yml'));
    expect(op.status).toBe('succeeded');
    expect(op.services.map((s) => [s.service, s.state])).toEqual([
      ['wordpress', 'done'],
      ['db', 'done'],
    ]);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-db-1`, `${name}-wordpress-1`]);
    expect(await docker(ENGINE, 'port', `${name}-wordpress-1`, '80/tcp')).toMatch(/0\.0\.0\.0:8080/);
    const labels = JSON.parse(await docker(ENGINE, 'inspect', '-f', '{{json .Config.Labels}}', `${name}-db-1`));
    expect(labels).toMatchObject({
      'com.docker.compose.project': name,
      'com.docker.compose.service': 'db',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
    });
    expect(labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${name}`)).toBe(
      [`${name}_db`, `${name}_wordpress`].sort().join('\n'),
    );
    const detail: StackDetail = (await body(await api.get(name))).stack;
    expect(detail).toMatchObject({ state: 'running', running: 2, total: 2, deployedVersion: 1, source: 'berth' });

    const down = await api.action(name, 'down', { removeVolumes: true });
    expect(down.status).toBe(200);
    expect(await projectNames(ENGINE, name)).toEqual([]);
    expect(await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${name}`)).toBe('');
  });

  it('Flask + Redis with links: redis starts first and web reaches it by its link name', async () => {
    const name = project('flask');
    const op = await createAndDeploy(name, fixture('flask-redis.yml'));
    expect(op.status).toBe('succeeded');
    const redisStart = op.log.findIndex((l) => l.message.startsWith(`started ${name}-redis-1`));
    const webStart = op.log.findIndex((l) => l.message.startsWith(`started ${name}-web-1`));
    expect(redisStart).toBeGreaterThanOrEqual(0);
    expect(webStart).toBeGreaterThan(redisStart);
    expect(await docker(ENGINE, 'exec', `${name}-web-1`, 'ping', '-c', '1', '-W', '2', 'redis')).toMatch(/1 packets received/);
    await api.action(name, 'down', {});
  });

  it('the version-1 format (no services:) deploys, with its link alias', async () => {
    const name = project('v1');
    const op = await createAndDeploy(name, fixture('version1.yml'));
    expect(op.status).toBe('succeeded');
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-db-1`, `${name}-web-1`]);
    expect(await docker(ENGINE, 'exec', `${name}-web-1`, 'ping', '-c', '1', '-W', '2', 'database')).toMatch(/1 packets received/);
    await api.action(name, 'down', {});
  });
});

const APP = (port: number, env = '1') => `services:
  app:
    image: berth-stack-test:1
    environment: {V: "${env}"}
    ports: ["${port}:80"]
  worker:
    image: berth-stack-test:1
`;

describe('the .env', () => {
  it('interpolates into the deploy, is sealed in the store, and is not part of the stack view', async () => {
    const name = project('env');
    const compose = 'services:\n  db:\n    image: berth-stack-test:1\n    environment:\n      PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}\n';
    const missing = await api.create({ name, compose });
    expect(missing.status).toBe(400);
    expect((await body(missing)).error.message).toMatch(
      /line 5, column \d+: services.db.environment.PASSWORD: required variable DB_PASSWORD is missing: set DB_PASSWORD in .env/,
    );
    expect((await createAndDeploy(name, compose, 'DB_PASSWORD=s3cret-Value\n')).status).toBe('succeeded');
    expect(await docker(ENGINE, 'exec', `${name}-db-1`, 'sh', '-c', 'echo $PASSWORD')).toBe('s3cret-Value');
    const row = await berth.db.selectFrom('stacks').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect(row.env).not.toContain('s3cret');
    const versions = await berth.db.selectFrom('stack_versions').select('env').execute();
    expect(versions.every((v) => !(v.env ?? '').includes('s3cret'))).toBe(true);
    const view = await (await api.get(name)).text();
    expect(view).not.toContain('s3cret');
    expect(JSON.parse(view).stack.hasEnv).toBe(true);
  });
});

describe('plan, redeploy, scale, history', () => {
  it('plans a change with its reasons, recreates only the changed service, scales, rolls back and exports', async () => {
    const name = project('app');
    const port = 20000 + Math.floor(Math.random() * 20000);
    expect((await createAndDeploy(name, APP(port))).status).toBe('succeeded');
    const [workerBefore] = (await state(`${name}-worker-1`)).split(' ');

    const p: StackPlan = (await body(await api.plan(name, { compose: APP(port, '2') }))).plan;
    expect(p.services.find((s) => s.name === 'app')!.containers[0]).toMatchObject({ action: 'recreate', reasons: ['environment changed'] });
    expect(p.services.find((s) => s.name === 'worker')!.containers[0].action).toBe('keep');

    const op: OperationView = (await body(await api.deploy(name, { compose: APP(port, '2'), wait: true }))).operation;
    expect(op.status).toBe('succeeded');
    expect(await docker(ENGINE, 'exec', `${name}-app-1`, 'sh', '-c', 'echo $V')).toBe('2');
    expect((await state(`${name}-worker-1`)).split(' ')[0]).toBe(workerBefore);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-app-1`, `${name}-worker-1`]);

    const refused = await api.scale(name, { service: 'app', replicas: 3, wait: true });
    expect(refused.status).toBe(400);
    expect((await body(refused)).error.message).toMatch(new RegExp(`app publishes host port ${port}/tcp, so it cannot scale past 1`));

    // scaling touches only its service: a stopped app stays stopped
    await docker(ENGINE, 'stop', `${name}-app-1`);
    const scaledOp: OperationView = (await body(await api.scale(name, { service: 'worker', replicas: 3, wait: true }))).operation;
    expect(scaledOp.services.map((s) => [s.service, s.state])).toEqual([['worker', 'done']]);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-app-1`, `${name}-worker-1`, `${name}-worker-2`, `${name}-worker-3`]);
    expect((await state(`${name}-app-1`)).split(' ')[1]).toBe('exited');
    expect((await state(`${name}-worker-1`)).split(' ')[0]).toBe(workerBefore);
    const exported = await (await api.export(name)).text();
    expect(exported).toMatch(/worker:\n\s+image: berth-stack-test:1\n\s+deploy:\n\s+replicas: 3/);
    expect((await api.scale(name, { service: 'worker', replicas: 1, wait: true })).status).toBe(200);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-app-1`, `${name}-worker-1`]);

    const versions = (await body(await api.versions(name))).versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const rb: OperationView = (await body(await api.rollback(name, { version: 1, wait: true }))).operation;
    expect(rb.status).toBe('succeeded');
    expect(await docker(ENGINE, 'exec', `${name}-app-1`, 'sh', '-c', 'echo $V')).toBe('1');
  });
});

describe('failures leave the previous version running', () => {
  it('a port held by another container: refused before anything stops, naming the container', async () => {
    const name = project('port');
    const port = 20000 + Math.floor(Math.random() * 20000);
    expect((await createAndDeploy(name, APP(port))).status).toBe('succeeded');
    const before = await state(`${name}-app-1`);
    const holder = uniqueName('holder');
    extraContainers.push(holder);
    await docker(ENGINE, 'run', '-d', '--name', holder, '-p', `${port + 1}:80`, 'berth-stack-test:1');
    const res = await api.deploy(name, { compose: APP(port + 1, '2'), wait: true });
    expect(res.status).toBe(409);
    const err = (await body(res)).error;
    expect(err.message).toContain(`port ${port + 1}/tcp on host a is used by container ${holder}`);
    expect(err.details.operation.status).toBe('failed');
    expect(await state(`${name}-app-1`)).toBe(before);
  });

  it('two saves of the same new name at once: one is saved, the other is told the name is taken', async () => {
    const name = project('twice');
    const compose = 'services:\n  a:\n    image: berth-stack-test:1\n';
    const answers = await Promise.all([api.create({ name, compose, deploy: false }), api.create({ name, compose, deploy: false })]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect((await body(refused)).error.message).toBe(`A stack named ${name} already exists on this host; edit it or choose another name`);
  });

  it('an image that does not exist is named, and nothing changes', async () => {
    const name = project('noimg');
    const res = await api.create({ name, compose: 'services:\n  a:\n    image: berth-no-such-image:404\n', deploy: true });
    expect(res.status).toBe(409);
    expect((await body(res)).error.message).toMatch(/^Nothing was changed: .*image berth-no-such-image:404 could not be pulled onto host a$/);
    expect(await projectNames(ENGINE, name)).toEqual([]);
  });

  it('failure mid-apply removes only what this attempt created and restores what it replaced', async () => {
    const name = project('mid');
    const v1 = `services:
  base:
    image: berth-stack-test:1
    environment: {V: "1"}
`;
    expect((await createAndDeploy(name, v1)).status).toBe('succeeded');
    const before = await state(`${name}-base-1`);
    const v2 = `services:
  base:
    image: berth-stack-test:1
    environment: {V: "2"}
  extra:
    image: berth-stack-test:1
  gate:
    image: berth-stack-test:1
    healthcheck: {test: ["CMD", "false"], interval: 200ms, timeout: 1s, retries: 1}
  web:
    image: berth-stack-test:1
    depends_on: {gate: {condition: service_healthy}}
`;
    const res = await api.deploy(name, { compose: v2, wait: true });
    expect(res.status).toBe(409);
    const err = (await body(res)).error;
    expect(err.message).toMatch(/gate is unhealthy/);
    const op: OperationView = err.details.operation;
    expect(op.services.find((s) => s.service === 'web')!.state).toBe('skipped');
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-base-1`]);
    expect(await state(`${name}-base-1`)).toBe(before);
    expect(await docker(ENGINE, 'exec', `${name}-base-1`, 'sh', '-c', 'echo $V')).toBe('1');
    const versions = (await body(await api.versions(name))).versions;
    expect(versions).toHaveLength(1);
  });

  it('a second deploy while one runs is refused with 409 naming it; a restart marks a running deploy interrupted', async () => {
    const name = project('lock');
    const slow = `services:
  gate:
    image: berth-stack-test:1
    healthcheck: {test: ["CMD", "sh", "-c", "sleep 2"], interval: 3s, timeout: 5s, retries: 1}
  web:
    image: berth-stack-test:1
    depends_on: {gate: {condition: service_healthy}}
`;
    expect((await api.create({ name, compose: slow })).status).toBe(201);
    const first = await api.deploy(name, { wait: false });
    expect(first.status).toBe(202);
    const { operation } = await body(first);
    const second = await api.deploy(name, { wait: true });
    expect(second.status).toBe(409);
    expect((await body(second)).error.message).toMatch(new RegExp(`Stack ${name} is busy: deploy ${operation.id} started by .+ is still running`));
    const done = await waitFor(
      'the first deploy to finish',
      async () => {
        const o: OperationView = (await body(await api.operation(name, operation.id))).operation;
        return o.status !== 'running' && o;
      },
      30_000,
    );
    expect(done.status).toBe('succeeded');

    // the same operation as server-sent events: every step, then the final state, then the stream ends
    const again1 = await api.deploy(name, { compose: slow.replace('sleep 2', 'sleep 0'), wait: false });
    const { operation: op2 } = await body(again1);
    const events = await (await api.operation(name, op2.id, { accept: 'text/event-stream' })).text();
    const views: OperationView[] = events
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => JSON.parse(e.slice(6)));
    expect(views[0].status).toBe('running');
    expect(views.at(-1)!.status).toBe('succeeded');
    expect(views.at(-1)!.services.every((s) => s.state === 'done')).toBe(true);

    const third = await api.deploy(name, { compose: slow.replace('sleep 2', 'sleep 1'), wait: false });
    const { operation: op3 } = await body(third);
    simulateRestartForTests(berth);
    const after: OperationView = (await body(await api.operation(name, op3.id))).operation;
    expect(after.status).toBe('interrupted');
    expect(after.error).toMatch(/Berth restarted/);
    // the lock is free again: another deploy may start (the cut-short one still runs in this test process; wait it out)
    await new Promise((r) => setTimeout(r, 8000));
    const again = await api.deploy(name, { wait: true });
    expect(again.status).toBe(200);
    const list: StackSummary[] = (await body(await api.list())).stacks;
    expect(list.find((s) => s.name === name)).toMatchObject({ source: 'berth', state: 'running' });
  });
});
