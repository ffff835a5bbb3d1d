import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as validateRoute from '@/app/api/v1/hosts/[id]/stacks/validate/route';
import { listAudit } from '@/server/audit/log';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { freshBerth, harness, params, req, uniqueName, waitFor } from './support';

/**
 * Issue #15 ("the first hour"), server side: the Activity log records changes, not checks, and how a deploy ended;
 * scaling a service to the count it has leaves the user's file alone.
 */
const ENGINE = harness().DOCKER_A_SOCKET;

let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const project = (p: string) => {
  const n = uniqueName(p);
  projects.push(n);
  return n;
};
const validate = (json: unknown) => validateRoute.POST(req(`/api/v1/hosts/${host}/stacks/validate`, { method: 'POST', json }), params({ id: host }));
const entries = async (action: string) => listAudit(berth.db, { action, hostId: host, limit: 50 });
const sleeper = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`;

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(ENGINE, p);
  await berth.close();
});

describe('the audit log records changes, not checks', () => {
  it('validating a compose file as the user types writes no audit entry, and neither does a plan', async () => {
    for (let i = 0; i < 3; i++) expect((await validate({ compose: sleeper(harness().TEST_IMAGE), env: '' })).status).toBe(200);
    const name = project('plan');
    expect((await api.create({ name, compose: sleeper(harness().TEST_IMAGE), env: '', deploy: false })).status).toBe(201);
    expect((await api.plan(name)).status).toBe(200);
    expect(await entries('/stacks/validate')).toEqual([]);
    expect(await entries('/plan')).toEqual([]);
    // the stack's creation is a change and is on record
    expect((await entries('/api/v1/hosts/{id}/stacks')).some((e) => e.action.startsWith('POST') && e.action.endsWith('/stacks'))).toBe(true);
  });
});

describe('a stack operation records how it ended', () => {
  it('a deploy accepted with 202 that then fails is on record as failed, with the reason', async () => {
    const name = project('bad');
    expect((await api.create({ name, compose: sleeper('berth-no-such-image:404'), env: '', deploy: false })).status).toBe(201);
    const res = await api.deploy(name, { wait: false });
    expect(res.status).toBe(202);
    const opId = (await res.json()).operation.id as string;
    const outcome = await waitFor('the deploy outcome entry', async () => (await entries('stack.deploy')).find((e) => e.target === `name=${name}`), 20_000);
    expect(outcome).toMatchObject({ result: 'error', host_id: host, actor: 'test-admin' });
    expect(outcome.error).toMatch(/berth-no-such-image:404/);
    expect(JSON.parse(outcome.details ?? '{}')).toMatchObject({ operationId: opId, status: 'failed' });
    // the Tasks panel shows it too, failed with the same reason, linked to the stack
    const task = await waitFor(
      'the deploy task',
      async () => berth.tasks.list().find((t) => t.title === `Deploy stack ${name}` && t.state !== 'running'),
      20_000,
    );
    expect(task).toMatchObject({ kind: 'stack.deploy', state: 'failed', hostId: host, by: 'test-admin', link: `/stacks/${host}/${name}` });
    expect(task.error).toMatch(/berth-no-such-image:404/);
  });

  it('a deploy that succeeds is on record as ok', async () => {
    const name = project('good');
    expect((await api.create({ name, compose: sleeper(harness().TEST_IMAGE), env: '', deploy: false })).status).toBe(201);
    expect((await api.deploy(name, { wait: true })).status).toBe(200);
    const [outcome] = (await entries('stack.deploy')).filter((e) => e.target === `name=${name}`);
    expect(outcome).toMatchObject({ result: 'ok', error: null });
    const task = berth.tasks.list().find((t) => t.title === `Deploy stack ${name}`);
    expect(task).toMatchObject({ state: 'succeeded', progress: 1, hostId: host });
    expect(task?.log.some((l) => l.startsWith('app: '))).toBe(true);
  });
});

describe('scaling to the count a service already has', () => {
  it('leaves the compose file exactly as written (no deploy.replicas added)', async () => {
    const name = project('same');
    const compose = sleeper(harness().TEST_IMAGE);
    expect((await api.create({ name, compose, env: '', deploy: true })).status).toBe(201);
    expect((await api.scale(name, { service: 'app', replicas: 1, wait: true })).status).toBe(200);
    expect((await (await api.get(name)).json()).stack.compose).toBe(compose);
    // a real change still rewrites the count
    expect((await api.scale(name, { service: 'app', replicas: 2, wait: true })).status).toBe(200);
    expect((await (await api.get(name)).json()).stack.compose).toMatch(/deploy:\n\s+replicas: 2/);
  });
});
