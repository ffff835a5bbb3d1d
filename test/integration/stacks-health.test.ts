import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '@/app/api/v1/hosts/[id]/stacks/[name]/health/route';
import { type Berth, installBerth } from '@/server/context';
import { checkOnce, healthTuning, stackHealth, startHealthChecker } from '@/server/health/checker';
import { probeConfig } from '@/server/health/probe';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

let berth: Berth;
let host = '';
let stop = () => {};
const api = stackApi(() => host);
const projects: string[] = [];

/** busybox httpd serving /www/index.html; the external check asks for that file over HTTP inside the container's netns. */
const compose = (strategy: 'recreate' | 'none') => `services:
  web:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    x-berth-healthcheck:
      type: http
      port: 8080
      path: /index.html
      interval: 500
      response_timeout: 1000
      healthy_threshold: 2
      unhealthy_threshold: 2
      initializing_timeout: 30000
      strategy: ${strategy}
`;

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  probeConfig.image = harness().TEST_IMAGE;
  Object.assign(healthTuning, { tickMs: 300, stackReloadMs: 0, backoffBaseMs: 2000 });
  stop = startHealthChecker(berth);
});
afterAll(async () => {
  stop();
  for (const p of projects) await cleanupProject(ENGINE, p);
  await berth.close();
});

const idOf = (name: string) => docker(ENGINE, 'inspect', '-f', '{{.Id}}', name);

describe('external health checks', () => {
  it('a replica whose HTTP check starts failing turns unhealthy and is recreated; the new one is healthy', async () => {
    const name = uniqueName('hc');
    projects.push(name);
    const res = await api.create({ name, compose: compose('recreate'), env: '', deploy: true });
    expect(res.status).toBe(201);
    const container = `${name}-web-1`;
    const first = await idOf(container);
    const healthy = await waitFor('healthy', () => stackHealth(berth, host, name).find((h) => h.containerId === first && h.state === 'healthy'), 30_000);
    expect(healthy.service).toBe('web');

    // Break it from inside: the file the check asks for is gone, so httpd answers 404.
    await docker(ENGINE, 'exec', container, 'rm', '/www/index.html');
    const second = await waitFor(
      'recreated',
      async () => {
        const id = await idOf(container).catch(() => '');
        return id && id !== first ? id : undefined;
      },
      30_000,
    );
    await waitFor('new replica healthy', () => stackHealth(berth, host, name).find((h) => h.containerId === second && h.state === 'healthy'), 30_000);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.State.Status}}', container)).toBe('running');
    // nothing left over: no set-aside container, no probe helpers
    expect(await docker(ENGINE, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`)).toBe(second.slice(0, 12));

    const audit = await berth.db.selectFrom('audit_log').selectAll().where('target', 'like', `${name}/%`).orderBy('at').execute();
    const moves = audit.filter((a) => a.action === 'stack.health').map((a) => JSON.parse(a.details ?? '{}') as { from: string; to: string });
    expect(moves.map((m) => `${m.from}->${m.to}`)).toEqual(expect.arrayContaining(['initializing->healthy', 'healthy->unhealthy']));
    expect(audit.every((a) => a.actor === 'berth' && a.actor_kind === 'system')).toBe(true);
    expect(audit.some((a) => a.action === 'stack.health.recreate')).toBe(true);
  }, 120_000);

  it('with strategy none an unhealthy replica is reported but left alone; the check sees an unpublished port', async () => {
    const name = uniqueName('hcn');
    projects.push(name);
    expect((await api.create({ name, compose: compose('none'), env: '', deploy: true })).status).toBe(201);
    const container = `${name}-web-1`;
    const id = await idOf(container);
    await waitFor('healthy', () => stackHealth(berth, host, name).find((h) => h.state === 'healthy'), 30_000);
    await docker(ENGINE, 'exec', container, 'rm', '/www/index.html');
    const bad = await waitFor('unhealthy', () => stackHealth(berth, host, name).find((h) => h.state === 'unhealthy'), 30_000);
    expect(bad.lastError).toMatch(/HTTP GET \/index.html on port 8080 failed/);
    await checkOnce(berth);
    expect(await idOf(container)).toBe(id);
  }, 120_000);

  it('the stack page sets a check through the API: written into the stored file as x-berth-healthcheck, export keeps it', async () => {
    const name = uniqueName('hcs');
    projects.push(name);
    expect(
      (
        await api.create({
          name,
          compose: `services:\n  web:\n    image: ${harness().TEST_IMAGE}\n    # keep me\n    command: ["sleep", "60"]\n`,
          env: '',
          deploy: false,
        })
      ).status,
    ).toBe(201);
    const url = `/api/v1/hosts/${host}/stacks/${name}/health`;
    const p = params({ id: host, name });
    const bad = await health.PUT(req(url, { method: 'PUT', json: { service: 'web', check: { type: 'tcp' } } }), p);
    expect(bad.status).toBe(400);
    const ok = await health.PUT(req(url, { method: 'PUT', json: { service: 'web', check: { type: 'tcp', port: 6379, strategy: 'recreate' } } }), p);
    expect(ok.status).toBe(200);
    const got = (await (await health.GET(req(url), p)).json()) as { settings: Record<string, { port: number; interval: number } | null> };
    expect(got.settings.web).toMatchObject({ port: 6379, interval: 2000 });
    const exported = await (await api.export(name)).text();
    expect(exported).toContain('x-berth-healthcheck:');
    expect(exported).toContain('port: 6379');
    expect(exported).toContain('# keep me');
    expect((await health.PUT(req(url, { method: 'PUT', json: { service: 'web', check: null } }), p)).status).toBe(200);
    expect(await (await api.export(name)).text()).not.toContain('x-berth-healthcheck');
  });

  it('TCP checks: an open port turns healthy, a closed one unhealthy once the initializing timeout passes', async () => {
    const name = uniqueName('hct');
    projects.push(name);
    const svc = (n: string, port: number) => `  ${n}:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    x-berth-healthcheck: { type: tcp, port: ${port}, interval: 500, initializing_timeout: 4000 }
`;
    expect((await api.create({ name, compose: `services:\n${svc('open', 8080)}${svc('closed', 9090)}`, env: '', deploy: true })).status).toBe(201);
    await waitFor('open healthy', () => stackHealth(berth, host, name).find((h) => h.service === 'open' && h.state === 'healthy'), 30_000);
    const closed = await waitFor(
      'closed unhealthy',
      () => stackHealth(berth, host, name).find((h) => h.service === 'closed' && h.state === 'unhealthy'),
      30_000,
    );
    expect(closed.lastError).toMatch(/TCP port 9090/);
  }, 90_000);
});
