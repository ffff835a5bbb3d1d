import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as healthRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/health/route';
import { type Berth, installBerth } from '@/server/context';
import { AGENT_LABEL, AGENT_NAME, agentStatus } from '@/server/health/agent';
import { healthTuning, stackHealth, startHealthChecker } from '@/server/health/checker';
import { PROBE_LABEL, probeConfig } from '@/server/health/probe';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/** The health agent (server/health/agent.ts): one long-lived container per host runs each round's probes in one exec. */
const B = harness().DOCKER_B_SOCKET;
let berth: Berth;
let hostA = '';
let hostB = '';
let stop = () => {};
const apiA = stackApi(() => hostA);
const apiB = stackApi(() => hostB);
const projects: [string, string][] = [];
let squatter = '';

const web = (extra = '') => `services:
  web:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    x-berth-healthcheck: { type: http, port: 8080, path: /index.html, interval: 500, response_timeout: 1000, initializing_timeout: 30000${extra} }
`;

const ids = async (socket: string, label: string) =>
  (await docker(socket, 'ps', '-aq', '--no-trunc', '--filter', `label=${label}`)).trim().split('\n').filter(Boolean);

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  hostA = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  hostB = (await createHost(berth, { kind: 'socket', name: 'b', socketPath: B })).id;
  probeConfig.image = harness().TEST_IMAGE;
  probeConfig.mode = 'agent';
  Object.assign(healthTuning, { tickMs: 300, stackReloadMs: 0 });
  stop = startHealthChecker(berth);
});
afterAll(async () => {
  stop();
  for (const [socket, p] of projects) await cleanupProject(socket, p);
  if (squatter) await docker(B, 'rm', '-f', squatter).catch(() => undefined);
  await berth.close();
});

describe('health agent', () => {
  it('runs the checks without one helper container per probe; joins no network; a removed agent comes back and checks go on', async () => {
    const name = uniqueName('hca');
    projects.push([ENGINE, name]);
    const created = await apiA.create({ name, compose: web(), env: '', deploy: true });
    expect(created.status, await created.clone().text()).toBe(201);
    await waitFor('healthy', () => stackHealth(berth, hostA, name).find((h) => h.state === 'healthy'), 30_000);
    // probes every 500 ms for 2 s: not one helper container appears
    for (let i = 0; i < 10; i++) {
      expect(await ids(ENGINE, PROBE_LABEL)).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
    }
    const [agent] = await ids(ENGINE, AGENT_LABEL);
    const info = JSON.parse(await docker(ENGINE, 'inspect', agent))[0];
    expect(info.Name).toBe(`/${AGENT_NAME}`);
    expect(info.HostConfig).toMatchObject({ PidMode: 'host', NetworkMode: 'none', Privileged: false });
    expect(info.HostConfig.CapAdd).toEqual(expect.arrayContaining(['SYS_ADMIN', 'SYS_PTRACE']));

    await docker(ENGINE, 'rm', '-f', agent);
    const again = await waitFor('a new agent', async () => (await ids(ENGINE, AGENT_LABEL)).find((id) => id !== agent), 20_000);
    expect(again).toBeTruthy();
    // the checks really run through the new agent: break the page, the replica turns unhealthy with the HTTP error
    await docker(ENGINE, 'exec', `${name}-web-1`, 'rm', '/www/index.html');
    const bad = await waitFor('unhealthy', () => stackHealth(berth, hostA, name).find((h) => h.state === 'unhealthy'), 30_000);
    expect(bad.lastError).toMatch(/HTTP GET \/index.html on port 8080 failed/);
  }, 120_000);

  it('a probe that gets no answer ends at the response timeout and says so', async () => {
    const name = uniqueName('hcx');
    projects.push([ENGINE, name]);
    // accepts connections on 9000 and never answers
    const compose = `services:
  hole:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "while :; do nc -l -p 9000 -e sleep 30; done"]
    stop_grace_period: 1s
    x-berth-healthcheck: { type: http, port: 9000, path: /, interval: 500, response_timeout: 1000, unhealthy_threshold: 1, initializing_timeout: 1000 }
`;
    expect((await apiA.create({ name, compose, env: '', deploy: true })).status).toBe(201);
    const bad = await waitFor('unhealthy', () => stackHealth(berth, hostA, name).find((h) => h.state === 'unhealthy'), 30_000);
    expect(bad.lastError).toBe('no answer on port 9000 within 1000 ms');
  }, 90_000);

  it('where the agent cannot start, the host falls back to helper containers and says why', async () => {
    // a plain container holding the agent's name makes the agent's create fail on daemon B
    squatter = (await docker(B, 'create', '--name', AGENT_NAME, harness().TEST_IMAGE, 'true')).trim();
    const name = uniqueName('hcf');
    projects.push([B, name]);
    expect((await apiB.create({ name, compose: web(), env: '', deploy: true })).status).toBe(201);
    await waitFor('healthy through helpers', () => stackHealth(berth, hostB, name).find((h) => h.state === 'healthy'), 30_000);
    expect(agentStatus(berth, hostB)).toMatchObject({ mode: 'helper', reason: expect.stringMatching(/health agent could not start.*berth-health-agent/) });
    // the stack page's Health panel says so
    const shown = await (await healthRoute.GET(req(`/api/v1/hosts/${hostB}/stacks/${name}/health`), params({ id: hostB, name }))).json();
    expect(shown.probes).toEqual(agentStatus(berth, hostB));
    expect(await ids(B, AGENT_LABEL)).toEqual([]);
  }, 90_000);
});
