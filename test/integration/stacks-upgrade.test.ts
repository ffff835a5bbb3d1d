import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as upgrade from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/route';
import * as finish from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/finish/route';
import * as rollback from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/rollback/route';
import type { OperationView } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { buildStandIns, cleanupProject, projectNames, removeStandIns, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, params, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const base = (name: string) => `/api/v1/hosts/${host}/stacks/${name}/upgrade`;
const p = (name: string) => params({ id: host, name });
const post = async (h: typeof finish, url: string, name: string, json: unknown) => {
  const res = await h.POST(req(url, { method: 'POST', json }), p(name));
  return { status: res.status, body: (await res.json()) as { operation: OperationView; error?: { message: string } } };
};

const compose = `services:
  web:
    image: berth-stack-test:1
    deploy:
      replicas: 3
`;
const imageOf = (c: string) => docker(ENGINE, 'inspect', '-f', '{{.Config.Image}} {{.State.Status}}', c);

async function deployed(): Promise<string> {
  const name = uniqueName('up');
  projects.push(name);
  const res = await api.create({ name, compose, env: '', deploy: true });
  expect(res.status).toBe(201);
  return name;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await buildStandIns(ENGINE);
});
afterAll(async () => {
  for (const n of projects) await cleanupProject(ENGINE, n);
  await removeStandIns(ENGINE);
  await berth.close();
});

describe('two-phase rolling upgrade', () => {
  it('upgrades in batches, keeps the old containers stopped, and Finish removes them', async () => {
    const name = await deployed();
    const r = await post(upgrade, base(name), name, { service: 'web', image: 'berth-stack-test:2', batchSize: 2, intervalMs: 200, wait: true });
    expect(r.status).toBe(200);
    expect(r.body.operation.status).toBe('succeeded');
    expect(r.body.operation.log.map((l) => l.message).filter((m) => m.startsWith('batch'))).toHaveLength(2);
    for (const n of [1, 2, 3]) expect(await imageOf(`${name}-web-${n}`)).toBe('berth-stack-test:2 running');
    const names = await projectNames(ENGINE, name);
    const old = names.filter((n) => n.includes('-old-up'));
    expect(old).toHaveLength(3);
    for (const o of old) expect(await imageOf(o)).toBe('berth-stack-test:1 exited');
    const status = await (await upgrade.GET(req(base(name)), p(name))).json();
    expect(status).toMatchObject({ pending: true, service: 'web' });
    // a second upgrade waits for this one to end
    expect((await post(upgrade, base(name), name, { service: 'web', image: 'berth-stack-test:1', wait: true })).status).toBe(409);
    // and so does a deploy, whose planner would take the stopped old containers for replicas
    const deploy = await import('@/app/api/v1/hosts/[id]/stacks/[name]/deploy/route');
    const d = await deploy.POST(req(`/api/v1/hosts/${host}/stacks/${name}/deploy`, { method: 'POST', json: { wait: true } }), p(name));
    expect(d.status).toBe(409);
    expect((await d.json()).error.message).toMatch(/waits for Finish or Rollback/);

    const f = await post(finish, `${base(name)}/finish`, name, { wait: true });
    expect(f.body.operation.status).toBe('succeeded');
    expect(await projectNames(ENGINE, name)).toEqual([1, 2, 3].map((n) => `${name}-web-${n}`));
    const stored = await (await api.get(name)).json();
    expect(JSON.stringify(stored)).toContain('berth-stack-test:2');
  }, 120_000);

  it('Rollback removes the new containers and starts the old ones again (start-first)', async () => {
    const name = await deployed();
    const before = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);
    const r = await post(upgrade, base(name), name, { service: 'web', image: 'berth-stack-test:2', batchSize: 1, intervalMs: 0, startFirst: true, wait: true });
    expect(r.body.operation.status).toBe('succeeded');
    expect(await imageOf(`${name}-web-1`)).toBe('berth-stack-test:2 running');

    const rb = await post(rollback, `${base(name)}/rollback`, name, { wait: true });
    expect(rb.body.operation.status).toBe('succeeded');
    expect(await projectNames(ENGINE, name)).toEqual([1, 2, 3].map((n) => `${name}-web-${n}`));
    for (const n of [1, 2, 3]) expect(await imageOf(`${name}-web-${n}`)).toBe('berth-stack-test:1 running');
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`)).toBe(before);
    const stored = await (await api.get(name)).json();
    expect(JSON.stringify(stored)).not.toContain('berth-stack-test:2');
    expect((await post(finish, `${base(name)}/finish`, name, { wait: true })).status).toBe(409);
  }, 120_000);

  it('a new container that never becomes healthy fails the upgrade and the old ones run again', async () => {
    const name = await deployed();
    const bad = `services:
  web:
    image: berth-stack-test:2
    command: ["sh", "-c", "exit 3"]
    deploy:
      replicas: 3
`;
    const r = await post(upgrade, base(name), name, { service: 'web', compose: bad, wait: true });
    expect(r.status).toBe(409);
    expect(await projectNames(ENGINE, name)).toEqual([1, 2, 3].map((n) => `${name}-web-${n}`));
    for (const n of [1, 2, 3]) expect(await imageOf(`${name}-web-${n}`)).toBe('berth-stack-test:1 running');
  }, 120_000);
});
