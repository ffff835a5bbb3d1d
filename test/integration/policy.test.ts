import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as launch from '@/app/api/v1/hosts/[id]/containers/route';
import * as stacks from '@/app/api/v1/hosts/[id]/stacks/route';
import * as volumes from '@/app/api/v1/hosts/[id]/volumes/route';
import { listAudit } from '@/server/audit/log';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, params, req, signUp, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/**
 * Operators are held to the container policy on every path that creates containers or volumes: the launch form, a
 * compose stack, a volume form. Each refusal lists every offending setting, is audited, and creates nothing.
 */
const h = harness();
let berth: Berth;
let hostId: string;
let operator: string;

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  hostId = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  operator = await signUp(berth, uniqueName('op'), 'operator');
});
afterAll(async () => {
  await berth?.close();
});

const countByName = async (name: string) => (await docker(ENGINE, 'ps', '-aq', '--filter', `name=${name}`)).trim().split('\n').filter(Boolean).length;

describe('the policy for operators', () => {
  it('refuses a launch with privileged, a / bind and the host network, naming all three, and creates nothing', async () => {
    const name = uniqueName('evil');
    const res = await launch.POST(
      req(`/api/v1/hosts/${hostId}/containers`, {
        method: 'POST',
        token: operator,
        json: {
          image: h.TEST_IMAGE,
          name,
          privileged: true,
          volumes: [{ type: 'bind', source: '/', target: '/host' }],
          networks: [{ name: 'host', aliases: [] }],
          command: 'sleep 60',
        },
      }),
      params({ id: hostId }),
    );
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(403);
    expect(body.error.message).toMatch(/privileged/);
    expect(body.error.message).toMatch(/host path \/ /);
    expect(body.error.message).toMatch(/network_mode: host/);
    expect(await countByName(name)).toBe(0);
    const [entry] = await listAudit(berth.db, { action: `POST /api/v1/hosts/{id}/containers`, result: 'denied', limit: 1 });
    expect(entry.error).toMatch(/privileged/);
  });

  it('lets an admin launch what an operator may not', async () => {
    const name = uniqueName('admin-bind');
    // (privileged cannot start inside this test machine's sandbox; a bind outside the allowed paths shows the same)
    const json = { image: h.TEST_IMAGE, name, volumes: [{ type: 'bind', source: '/etc', target: '/host-etc', readOnly: true }], command: 'sleep 60' };
    const refused = await launch.POST(req(`/api/v1/hosts/${hostId}/containers`, { method: 'POST', token: operator, json }), params({ id: hostId }));
    expect(refused.status).toBe(403);
    const res = await launch.POST(req(`/api/v1/hosts/${hostId}/containers`, { method: 'POST', json }), params({ id: hostId }));
    expect(res.status, await res.clone().text()).toBe(201);
    await docker(ENGINE, 'rm', '-f', name);
  });

  it('refuses a compose file with the same settings and a bind-type volume, and creates nothing', async () => {
    const name = uniqueName('evilstack')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    const compose = [
      'services:',
      '  web:',
      `    image: ${h.TEST_IMAGE}`,
      '    command: sleep 60',
      '    privileged: true',
      '    network_mode: host',
      '    volumes:',
      '      - /:/host',
      '      - root:/root2',
      'volumes:',
      '  root:',
      '    driver_opts: { o: bind, device: /, type: none }',
      '',
    ].join('\n');
    const res = await stacks.POST(
      req(`/api/v1/hosts/${hostId}/stacks`, { method: 'POST', token: operator, json: { name, compose, env: '', deploy: true } }),
      params({ id: hostId }),
    );
    const text = JSON.stringify(await res.json());
    expect([403, 201, 202], text).toContain(res.status);
    // the deploy may run as an operation: either way nothing may exist afterwards and the refusal names each setting
    const ops =
      res.status === 403
        ? text
        : JSON.stringify(
            await berth.db
              .selectFrom('stack_operations' as never)
              .selectAll()
              .execute()
              .catch(() => []),
          );
    for (const word of ['privileged', 'network_mode: host', 'host path /']) expect(ops).toContain(word);
    expect(await countByName(name)).toBe(0);
    const vols = await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `name=${name}`);
    expect(vols.trim()).toBe('');
  });

  it('lets an admin deploy a compose file with network_mode: none and read_only: true, reaching the Engine as written', async () => {
    const name = uniqueName('adminstack')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    const compose = ['services:', '  web:', `    image: ${h.TEST_IMAGE}`, '    command: sleep 60', '    network_mode: none', '    read_only: true', ''].join(
      '\n',
    );
    const res = await stacks.POST(
      req(`/api/v1/hosts/${hostId}/stacks`, { method: 'POST', json: { name, compose, env: '', deploy: true } }),
      params({ id: hostId }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    try {
      const inspect = JSON.parse(await docker(ENGINE, 'inspect', `${name}-web-1`))[0];
      expect(inspect.State.Running).toBe(true);
      expect(inspect.HostConfig.NetworkMode).toBe('none');
      expect(inspect.HostConfig.ReadonlyRootfs).toBe(true);
    } finally {
      await docker(ENGINE, 'rm', '-f', `${name}-web-1`).catch(() => undefined);
    }
  });

  it('refuses a volume whose driver options bind the host root', async () => {
    const name = uniqueName('rootvol');
    const res = await volumes.POST(
      req(`/api/v1/hosts/${hostId}/volumes`, {
        method: 'POST',
        token: operator,
        json: { name, driver: 'local', driverOpts: { o: 'bind', device: '/', type: 'none' } },
      }),
      params({ id: hostId }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/driver_opts device of host path \/ is outside the allowed host paths/);
    expect((await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `name=${name}`)).trim()).toBe('');
  });
});
