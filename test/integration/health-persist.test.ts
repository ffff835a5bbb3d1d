import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as healthList from '@/app/api/v1/health/route';
import { type Berth, installBerth } from '@/server/context';
import { forgetHealthMemory, healthTuning, stackHealth, startHealthChecker } from '@/server/health/checker';
import { persistTuning } from '@/server/health/memory';
import { probeConfig } from '@/server/health/probe';
import { probeImageState, probeImageTuning } from '@/server/health/probe-image';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, freshBerth, harness, type HarnessEnv, params, req, signUp, uniqueName, waitFor } from './support';

/**
 * The checker's state outlives a Berth restart (health_states), and the probe image is pulled onto a host that lacks
 * it. A "restart" here is what a new process does: stop the loop (which saves unsaved state), drop every in-memory
 * state, and start a new loop over the same store.
 */
const h = harness() as HarnessEnv & { REGISTRY_OPEN: string };
const A = h.DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
let stop: () => Promise<void> = async () => {};
const api = stackApi(() => host);
const projects: string[] = [];
const images: string[] = [];

const check = (c: string) => `    x-berth-healthcheck: { ${c} }\n`;
const httpd = `    image: ${h.TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
`;
async function deploy(prefix: string, services: string): Promise<string> {
  const name = uniqueName(prefix);
  projects.push(name);
  const res = await api.create({ name, compose: `services:\n${services}`, env: '', deploy: true });
  expect(res.status).toBe(201);
  return name;
}
const idOf = (name: string) => docker(A, 'inspect', '-f', '{{.Id}}', name);
const rowOf = (id: string) => berth.db.selectFrom('health_states').selectAll().where('container_id', '=', id).executeTakeFirst();

async function restart(): Promise<void> {
  await stop();
  forgetHealthMemory(berth);
  stop = startHealthChecker(berth);
}

/** Every state the API shows for `container` over `ms` (nothing while the new loop has not read the store yet). */
async function statesOver(stack: string, container: string, ms: number) {
  const seen: { state: string; since: string; attempts: number; next: string | null }[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const x = stackHealth(berth, host, stack).find((c) => c.name === container);
    if (x) seen.push({ state: x.state, since: x.since, attempts: x.recreateAttempts, next: x.nextRecreateAt });
  }
  return seen;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: A })).id;
  probeConfig.image = h.TEST_IMAGE;
  Object.assign(healthTuning, { tickMs: 300, stackReloadMs: 0, backoffBaseMs: 120_000 });
  persistTuning.persistMs = 1000;
  stop = startHealthChecker(berth);
});
afterAll(async () => {
  await stop();
  for (const p of projects) await cleanupProject(A, p);
  for (const i of images) await docker(A, 'rmi', i).catch(() => undefined);
  await berth.close();
});

describe('health state across a Berth restart', () => {
  it('a healthy container is still healthy (same since) right after a restart, not initializing again', async () => {
    const name = await deploy('hcr', `  web:\n${httpd}${check('type: http, port: 8080, path: /index.html, interval: 500')}`);
    const container = `${name}-web-1`;
    const id = await idOf(container);
    const before = await waitFor('healthy', () => stackHealth(berth, host, name).find((c) => c.state === 'healthy'), 30_000);
    expect((await rowOf(id))?.state).toBe('healthy');

    await restart();
    const seen = await statesOver(name, container, 3000);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((s) => s.state))).toEqual(new Set(['healthy']));
    expect(seen[0].since).toBe(before.since);

    // the lists' badges: GET /api/v1/health, only for hosts the caller can read
    type Body = { containers: { containerId: string; state: string; stack: string }[] };
    const all = (await (await healthList.GET(req('/api/v1/health'), params({}))).json()) as Body;
    expect(all.containers.find((c) => c.containerId === id)).toMatchObject({ state: 'healthy', stack: name });
    const elsewhere = await signUp(berth, uniqueName('viewer'), 'viewer', 'some-other-host');
    const none = (await (await healthList.GET(req('/api/v1/health', { token: elsewhere }), params({}))).json()) as Body;
    expect(none.containers).toEqual([]);
  }, 90_000);

  it('an unhealthy replica keeps its recreate backoff; the replaced container starts fresh and its row is gone', async () => {
    const name = await deploy(
      'hcb',
      `  web:\n${httpd}${check('type: tcp, port: 9090, interval: 500, unhealthy_threshold: 1, initializing_timeout: 1500, strategy: recreate')}`,
    );
    const container = `${name}-web-1`;
    const first = await idOf(container);
    // first recreate at once, then 120 s of backoff: the new replica fails its initializing window and stays unhealthy
    const second = await waitFor(
      'recreated once',
      async () => {
        const id = await idOf(container).catch(() => '');
        return id && id !== first ? id : undefined;
      },
      30_000,
    );
    const bad = await waitFor(
      'new replica unhealthy',
      () => stackHealth(berth, host, name).find((c) => c.containerId === second && c.state === 'unhealthy'),
      30_000,
    );
    expect(bad.recreateAttempts).toBe(1);
    expect(Date.parse(bad.nextRecreateAt!)).toBeGreaterThan(Date.now() + 60_000);
    await waitFor('row of the replaced container deleted', async () => !(await rowOf(first)), 5000);
    expect(await rowOf(second)).toMatchObject({ state: 'unhealthy', recreate_attempts: 1 });

    await restart();
    const seen = await statesOver(name, container, 3000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.state === 'unhealthy' && s.attempts === 1 && s.next === bad.nextRecreateAt)).toBe(true);
    // no recreate after the restart: the backoff still holds
    expect(await idOf(container)).toBe(second);
  }, 90_000);
});

describe('probe image', () => {
  it('is pulled onto a host that lacks it (from a registry), then checks run and turn healthy', async () => {
    const ref = `${h.REGISTRY_OPEN}/berth-test/${uniqueName('probe')}:1`;
    images.push(ref);
    await docker(A, 'tag', h.TEST_IMAGE, ref);
    await docker(A, 'push', ref);
    await docker(A, 'rmi', ref);
    probeConfig.image = ref;
    const name = await deploy('hcp', `  web:\n${httpd}${check('type: http, port: 8080, path: /index.html, interval: 500')}`);
    await waitFor('healthy after the pull', () => stackHealth(berth, host, name).find((c) => c.state === 'healthy'), 60_000);
    expect(await docker(A, 'image', 'inspect', '-f', '{{.Id}}', ref)).toMatch(/^sha256:/);
    expect(probeImageState(berth, host, ref)).toMatchObject({ status: 'ready', attempts: 0 });
  }, 90_000);

  it('a failed pull shows on the container (image, variable, the pull error), is retried with backoff, and never makes it unhealthy', async () => {
    const ref = `${h.REGISTRY_OPEN}/berth-test/${uniqueName('no-such-probe')}:1`;
    probeConfig.image = ref;
    probeImageTuning.retryBaseMs = 60_000;
    const name = await deploy('hcf', `  web:\n${httpd}${check('type: http, port: 8080, interval: 500, initializing_timeout: 1000')}`);
    const x = await waitFor('pull error shown', () => stackHealth(berth, host, name).find((c) => /could not be pulled/.test(c.lastError ?? '')), 30_000);
    expect(x.lastError).toContain(ref);
    expect(x.lastError).toContain('BERTH_HEALTH_PROBE_IMAGE');
    expect(x.lastError).toMatch(/was not found on registry/);
    await new Promise((r) => setTimeout(r, 3000));
    // ten ticks later: one pull, not one per tick; and the container is not judged on Berth's problem
    expect(probeImageState(berth, host, ref)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stackHealth(berth, host, name).find((c) => c.name === `${name}-web-1`)?.state).toBe('initializing');
  }, 60_000);
});
