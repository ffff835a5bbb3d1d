import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as upgrade from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/route';
import type { OperationView } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { AGENT_LABEL } from '@/server/health/agent';
import { PROBE_LABEL, probeConfig } from '@/server/health/probe';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/** A rolling upgrade waits for each new container to pass the service's external check (x-berth-healthcheck). */
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];

/** busybox httpd on 8080; `page` false: the checked page is missing, so the check gets a 404 */
const file = (page: boolean, tag: string) => `services:
  web:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && ${page ? 'echo ok > /www/index.html && ' : ''}exec httpd -f -p 8080 -h /www"]
    labels: { variant: "${tag}" }
    stop_grace_period: 1s
    deploy: { replicas: 2 }
    x-berth-healthcheck: { type: http, port: 8080, path: /index.html, interval: 500, response_timeout: 1000, healthy_threshold: 2, initializing_timeout: 3000 }
`;

const upgradeTo = async (name: string, compose: string) => {
  const res = await upgrade.POST(
    req(`/api/v1/hosts/${host}/stacks/${name}/upgrade`, { method: 'POST', json: { service: 'web', compose, wait: true } }),
    params({ id: host, name }),
  );
  return { status: res.status, body: (await res.json()) as { operation?: OperationView; error?: { message: string } } };
};
const variants = async (name: string) =>
  (await docker(ENGINE, 'ps', '--filter', `label=com.docker.compose.project=${name}`, '--format', '{{.Names}} {{.Label "variant"}}')).split('\n').sort();

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  probeConfig.image = harness().TEST_IMAGE;
  probeConfig.mode = 'agent';
});
afterAll(async () => {
  for (const n of projects) await cleanupProject(ENGINE, n);
  await berth.close();
});

describe('rolling upgrade gated by the external health check', () => {
  it('a new container whose check fails undoes the upgrade; one that passes lets it go on, probed through the agent', async () => {
    const name = uniqueName('uph');
    projects.push(name);
    expect((await api.create({ name, compose: file(true, 'v1'), env: '', deploy: true })).status).toBe(201);

    const bad = await upgradeTo(name, file(false, 'v2'));
    expect(bad.status).toBe(409);
    expect(bad.body.error?.message).toMatch(/did not pass its health check within 3000 ms: HTTP GET \/index.html on port 8080 failed/);
    expect(await variants(name)).toEqual([`${name}-web-1 v1`, `${name}-web-2 v1`]);

    const good = await upgradeTo(name, file(true, 'v3'));
    expect(good.status, JSON.stringify(good.body.error)).toBe(200);
    expect(JSON.stringify(good.body.operation)).toMatch(/passed its external health check/);
    expect((await variants(name)).filter((l) => l.endsWith('v3'))).toHaveLength(2);
    // the probes ran in the host's agent, not in helper containers
    expect((await docker(ENGINE, 'ps', '-q', '--filter', `label=${AGENT_LABEL}`)).trim()).not.toBe('');
    expect((await docker(ENGINE, 'ps', '-aq', '--filter', `label=${PROBE_LABEL}`)).trim()).toBe('');
  }, 120_000);

  it('pulls a missing probe image before it changes anything, then checks the new containers with it', async () => {
    const ref = `${harness().REGISTRY_OPEN}/berth-test/${uniqueName('upprobe')}:1`;
    await docker(ENGINE, 'tag', harness().TEST_IMAGE, ref);
    await docker(ENGINE, 'push', ref);
    await docker(ENGINE, 'rmi', ref);
    const name = uniqueName('upp');
    projects.push(name);
    expect((await api.create({ name, compose: file(true, 'v1'), env: '', deploy: true })).status).toBe(201);
    probeConfig.image = ref;
    try {
      const good = await upgradeTo(name, file(true, 'v2'));
      expect(good.status, JSON.stringify(good.body.error)).toBe(200);
      expect(JSON.stringify(good.body.operation)).toMatch(/pulling the health probe image/);
      expect(await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', ref)).toMatch(/^sha256:/);
    } finally {
      probeConfig.image = harness().TEST_IMAGE;
      await docker(ENGINE, 'rm', '-f', ...(await docker(ENGINE, 'ps', '-aq', '--filter', `label=${AGENT_LABEL}`)).split('\n').filter(Boolean)).catch(
        () => undefined,
      );
      await docker(ENGINE, 'rmi', ref).catch(() => undefined);
    }
  }, 120_000);
});
