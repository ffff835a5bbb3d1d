import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as launch from '@/app/api/v1/hosts/[id]/containers/route';
import * as list from '@/app/api/v1/hosts/[id]/stacks/route';
import * as scale from '@/app/api/v1/hosts/[id]/stacks/[name]/scale/route';
import * as upgrade from '@/app/api/v1/hosts/[id]/stacks/[name]/upgrade/route';
import { type Berth, installBerth } from '@/server/context';
import { AGENT_NAME } from '@/server/health/agent';
import { healthTuning, stackHealth, startHealthChecker } from '@/server/health/checker';
import { probeConfig } from '@/server/health/probe';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, projectNames } from './stacks-support';
import { powerfulNeighbours } from './policy-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, signUp, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/**
 * The same judgement on every stack path: deploy, scale, upgrade, and the health checker's recreate (which acts for
 * whoever deployed the stack). A refusal names each offending setting and leaves the host as it was.
 */
const h = harness();
let berth: Berth;
let host = '';
let operator = '';
let stop = () => {};
// admin-made: one like the health agent, one with a host bind (policy-support.ts)
let agentLike = '';
let binder = '';
const containers: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  operator = await signUp(berth, uniqueName('op'), 'operator');
  ({ agentLike, binder } = await powerfulNeighbours(ENGINE));
  containers.push(agentLike, binder);
  probeConfig.image = h.TEST_IMAGE;
  Object.assign(healthTuning, { tickMs: 300, stackReloadMs: 0, backoffBaseMs: 2000 });
  stop = startHealthChecker(berth);
});
afterAll(async () => {
  stop();
  for (const p of projects) await cleanupProject(ENGINE, p);
  await docker(ENGINE, 'rm', '-f', ...containers).catch(() => undefined);
  await docker(ENGINE, 'volume', 'rm', '-f', ...projects.flatMap((p) => [`${p}_disk`, `${p}_plug`])).catch(() => undefined);
  await berth?.close();
});

const project = () => {
  const p = uniqueName('ps')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
  projects.push(p);
  return p;
};
const p = (name: string) => params({ id: host, name, action: '', opId: '' });
const deploy = (name: string, compose: string, token?: string) =>
  list.POST(req(`/api/v1/hosts/${host}/stacks`, { method: 'POST', token, json: { name, compose, env: '', deploy: true } }), p(name));
const sleeper = (extra: string) => `    image: ${h.TEST_IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n${extra}`;

describe('stacks: effective settings on every path', () => {
  it('refuses a deploy whose services join or copy powerful containers, or whose volumes mount a disk or a plugin; nothing is created', async () => {
    const name = project();
    const compose = [
      'services:',
      '  a:',
      sleeper(`    pid: "container:${agentLike}"`),
      '  b:',
      sleeper(`    volumes_from: ["container:${binder}"]`),
      '  c:',
      sleeper('    volumes: [disk:/d, plug:/p]\n    security_opt: [\'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}\']'),
      'volumes:',
      '  disk: { driver_opts: { type: ext4, device: /dev/vda1 } }',
      '  plug: { driver: rexray }',
      '',
    ].join('\n');
    const res = await deploy(name, compose, operator);
    const text = JSON.stringify(await res.json());
    expect(res.status, text).toBe(403);
    expect(text).toMatch(/a: pid: container:.*pid: host/);
    expect(text).toMatch(/b: volumes_from: .*host path \/etc is outside/);
    expect(text).toMatch(/type: ext4 mounts a filesystem/);
    expect(text).toMatch(/rexray is a volume plugin/);
    expect(text).toMatch(/c: security_opt: seccomp=.*replaces Docker's default seccomp profile/);
    expect(await projectNames(ENGINE, name)).toEqual([]);
    expect((await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `name=${name}`)).trim()).toBe('');
  });

  it("lets an operator join the stack's own services, which the same deploy judges", async () => {
    const name = project();
    const compose = ['services:', '  vpn:', sleeper(''), '  app:', sleeper('    network_mode: service:vpn\n    volumes_from: [vpn]'), ''].join('\n');
    const res = await deploy(name, compose, operator);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-app-1`, `${name}-vpn-1`]);
  });

  it("refuses an operator's scale and upgrade of a service an admin joined to a powerful container", async () => {
    const name = project();
    const compose = ['services:', '  web:', sleeper(`    pid: "container:${agentLike}"`), ''].join('\n');
    const admin = await deploy(name, compose);
    expect(admin.status, await admin.clone().text()).toBe(201);

    const s = await scale.POST(
      req(`/api/v1/hosts/${host}/stacks/${name}/scale`, { method: 'POST', token: operator, json: { service: 'web', replicas: 2, wait: true } }),
      p(name),
    );
    const st = JSON.stringify(await s.json());
    expect(s.status, st).toBe(403);
    expect(st).toMatch(/web: pid: container:.*pid: host/);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-web-1`]);

    const before = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);
    const u = await upgrade.POST(
      req(`/api/v1/hosts/${host}/stacks/${name}/upgrade`, { method: 'POST', token: operator, json: { service: 'web', image: h.TEST_IMAGE, wait: true } }),
      p(name),
    );
    const ut = JSON.stringify(await u.json());
    expect(u.status, ut).toBe(403);
    expect(ut).toMatch(/pid: container:.*pid: host/);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`)).toBe(before);
  });

  it('a health-check recreate is judged as the operator who deployed: a source container since swapped for a powerful one is refused', async () => {
    const name = project();
    const source = uniqueName('src');
    containers.push(source);
    await docker(ENGINE, 'create', '--name', source, '-v', '/data', h.TEST_IMAGE, 'true');
    const compose = [
      'services:',
      '  web:',
      `    image: ${h.TEST_IMAGE}`,
      '    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]',
      '    stop_grace_period: 1s',
      `    volumes_from: ["container:${source}"]`,
      '    x-berth-healthcheck: { type: http, port: 8080, path: /index.html, interval: 500, healthy_threshold: 1, unhealthy_threshold: 2, strategy: recreate }',
      '',
    ].join('\n');
    const res = await deploy(name, compose, operator);
    expect(res.status, await res.clone().text()).toBe(201);
    const id = await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);
    await waitFor('healthy', () => stackHealth(berth, host, name).find((x) => x.state === 'healthy'), 30_000);

    // Berth's own agent ran that check with the host's PID namespace: an operator can neither join it nor copy it
    for (const hostConfig of [{ PidMode: `container:${AGENT_NAME}` }, { IpcMode: `container:${AGENT_NAME}` }]) {
      const joined = await launch.POST(
        req(`/api/v1/hosts/${host}/containers`, { method: 'POST', token: operator, json: { image: h.TEST_IMAGE, advanced: { hostConfig } } }),
        params({ id: host }),
      );
      expect(joined.status).toBe(403);
      expect((await joined.json()).error.message).toMatch(/shares container berth-health-agent, which has what an operator may not use \(pid: host/);
    }

    // an admin replaces the source with a container that binds the host's /etc; then the replica fails its check
    await docker(ENGINE, 'rm', '-f', source);
    await docker(ENGINE, 'create', '--name', source, '-v', '/etc:/host-etc:ro', h.TEST_IMAGE, 'true');
    await docker(ENGINE, 'exec', `${name}-web-1`, 'rm', '/www/index.html');
    const denied = await waitFor(
      'the recreate to be refused',
      async () => {
        const rows = await berth.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'stack.health.recreate')
          .where('target', 'like', `${name}/%`)
          .execute();
        return rows.find((r) => r.result === 'denied');
      },
      30_000,
    );
    expect(denied.error).toMatch(/volumes_from: .*host path \/etc is outside/);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}}', `${name}-web-1`)).toBe(id);
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-web-1`]);
  }, 90_000);
});
