import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as launch from '@/app/api/v1/hosts/[id]/containers/route';
import * as networks from '@/app/api/v1/hosts/[id]/networks/route';
import type { OperationView } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { buildImage, sourceOf } from '@/server/images/build';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName } from './support';

/**
 * What differs between Engine 20.10 (API 1.41) and Engine 26.1 (API 1.45), as a user sees it, on whichever engine
 * this project runs: the MAC address a container asks for, a healthcheck's start_interval, and builds with the
 * classic builder. The same expectations hold on both, or say in the test what differs and why.
 */
const { TEST_IMAGE } = harness();
const engine = engineUnderTest();
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const containers: string[] = [];
const nets: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'e', socketPath: engine.socket })).id;
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(engine.socket, p);
  if (containers.length) await docker(engine.socket, 'rm', '-f', ...containers).catch(() => undefined);
  if (nets.length) await docker(engine.socket, 'network', 'rm', ...nets).catch(() => undefined);
  await berth?.close();
});

describe(`on ${engine.label}`, () => {
  it('a launched container gets the MAC address it asks for on its network', async () => {
    const net = uniqueName('macnet');
    nets.push(net);
    expect((await networks.POST(req(`/api/v1/hosts/${host}/networks`, { method: 'POST', json: { name: net } }), params({ id: host }))).status).toBe(201);
    const name = uniqueName('mac');
    containers.push(name);
    const mac = '02:42:ac:1e:00:42';
    const res = await launch.POST(
      req(`/api/v1/hosts/${host}/containers`, {
        method: 'POST',
        json: { image: TEST_IMAGE, name, command: 'sleep 60', networks: [{ name: net, aliases: [] }], advanced: { config: { MacAddress: mac } } },
      }),
      params({ id: host }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const info = JSON.parse(await docker(engine.socket, 'inspect', name))[0];
    expect(info.NetworkSettings.Networks[net].MacAddress).toBe(mac);
  });

  it("a compose healthcheck's start_interval reaches Engine 26; Engine 20.10 is told it cannot use it", async () => {
    const name = uniqueName('si')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    projects.push(name);
    const compose = [
      'services:',
      '  web:',
      `    image: ${TEST_IMAGE}`,
      `    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]`,
      '    healthcheck: { test: ["CMD", "true"], interval: 30s, start_period: 20s, start_interval: 1s }',
      '',
    ].join('\n');
    const res = await api.create({ name, compose, env: '', deploy: true });
    const body = (await res.json()) as { operation: OperationView };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const hc = JSON.parse(await docker(engine.socket, 'inspect', `${name}-web-1`))[0].Config.Healthcheck;
    expect(hc.StartPeriod).toBe(20e9);
    const notes = body.operation.log.map((l) => l.message).join('\n');
    if (engine.key === 'c') {
      expect(hc.StartInterval).toBe(1e9);
      expect(notes).not.toMatch(/start_interval/);
    } else {
      // Engine 20.10 drops a field it does not know; the deploy says so instead of letting it vanish
      expect(hc.StartInterval ?? 0).toBe(0);
      expect(notes).toMatch(/web: healthcheck.start_interval needs Docker Engine 25 or newer \(API 1\.44\); host e speaks API 1\.41/);
    }
  });

  it('builds with the classic builder, and a BuildKit-only Dockerfile says what it needs', async () => {
    const lines: string[] = [];
    const tag = `berth-build-test/${uniqueName('classic')}:1`;
    const ok = await buildImage(
      berth,
      host,
      sourceOf('Dockerfile', Buffer.from(`FROM ${TEST_IMAGE}\nRUN echo built\n`)),
      { tag },
      { onLines: (l) => lines.push(...l) },
    );
    expect(ok.message).toMatch(/with the classic builder$/);
    expect(lines[0]).toMatch(/classic builder/);
    await docker(engine.socket, 'rmi', tag);
    const needs = buildImage(berth, host, sourceOf('Dockerfile', Buffer.from(`FROM ${TEST_IMAGE}\nRUN --mount=type=cache,target=/c true\n`)), {});
    await expect(needs).rejects.toThrow(/needs BuildKit .*docker buildx build/);
  });
});
