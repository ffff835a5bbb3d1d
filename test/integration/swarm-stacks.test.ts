import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as stacks from '@/app/api/v1/hosts/[id]/swarm/stacks/route';
import * as one from '@/app/api/v1/hosts/[id]/swarm/stacks/[name]/route';
import * as planRoute from '@/app/api/v1/hosts/[id]/swarm/stacks/[name]/plan/route';
import * as exportRoute from '@/app/api/v1/hosts/[id]/swarm/stacks/[name]/export/route';
import type { SwarmStackDetail, SwarmStackPlan, SwarmStackSummary } from '@/lib/swarm-stack-types';
import type { Berth } from '@/server/context';
import type { SwarmEnv } from '../harness';
import { harness, params, req, signUp, waitFor } from './support';
import { berthOnSwarm, removeServices } from './swarm-support';

/**
 * Swarm stacks (issue #14 point 4) on the harness's three-node swarm, checked with the real docker CLI both ways.
 * Other suites share the swarm: every stack here is named swst<random>…, and removed in afterAll. Host-mode ports
 * and dnsrr endpoints only (no IPVS on these machines).
 */
const run = randomBytes(3).toString('hex');
const named = (s: string) => `swst${run}-${s}`;
const port = 30000 + Math.floor(Math.random() * 10000);
const exec = promisify(execFile);

let berth: Berth;
let manager: string;
let engine: Docker;
let sw: SwarmEnv;
let image: string;
const made: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swst-'));

const cli = async (...args: string[]) => (await exec(sw.cli, ['-H', `unix://${sw.managerSocket}`, ...args], { timeout: 60_000 })).stdout;
const until = <T>(what: string, fn: () => Promise<T | undefined | false | null>, ms = 60_000) => waitFor(what, fn, ms, 500);
const deploy = (name: string, compose: string, extra: object = {}, token?: string) => {
  made.push(name);
  return stacks.POST(req(`/api/v1/hosts/${manager}/swarm/stacks`, { method: 'POST', json: { name, compose, ...extra }, token }), params({ id: manager }));
};
const list = async (): Promise<SwarmStackSummary[]> => {
  const res = await stacks.GET(req(`/api/v1/hosts/${manager}/swarm/stacks`), params({ id: manager }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).stacks;
};
const detail = async (name: string): Promise<SwarmStackDetail> => {
  const res = await one.GET(req(`/api/v1/hosts/${manager}/swarm/stacks/${name}`), params({ id: manager, name }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).stack;
};
const plan = async (name: string, compose: string, extra: object = {}): Promise<SwarmStackPlan> => {
  const res = await planRoute.POST(
    req(`/api/v1/hosts/${manager}/swarm/stacks/${name}/plan`, { method: 'POST', json: { compose, ...extra } }),
    params({ id: manager, name }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).plan;
};
/** Everything on the swarm carrying the stack's label. */
const labelled = async (name: string) => {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${name}`] });
  const [s, n, sec, cfg] = await Promise.all([
    engine.listServices({ filters } as object),
    engine.listNetworks({ filters } as object),
    engine.listSecrets({ filters } as object),
    engine.listConfigs({ filters } as object),
  ]);
  return { services: s.length, networks: n.length, secrets: sec.length, configs: cfg.length };
};

const file = (svcs = ['agent', 'db']) => `services:
${
  svcs.includes('agent')
    ? `  agent:
    image: ${image}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    ports:
      - { target: 8080, published: ${port}, mode: host }
    deploy:
      mode: global
      endpoint_mode: dnsrr
`
    : ''
}  db:
    image: ${image}
    command: sh -c "grep -q t0ken /run/secrets/token && grep -q CERT /run/secrets/cert && grep -q 'listen 8080' /app.conf && sleep 3600"
    stop_grace_period: 1s
    build: .
    networks: [back]
    secrets: [token, cert]
    configs: [{ source: conf, target: /app.conf }]
    healthcheck: { test: ["CMD", "true"], interval: 2s }
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
      restart_policy: { condition: on-failure, delay: 1s }
networks:
  back: {}
secrets:
  token: { environment: TOKEN }
  cert: { file: ./tls/cert.pem }
configs:
  conf: { content: "listen 8080" }
`;

beforeAll(async () => {
  image = harness().TEST_IMAGE;
  ({ berth, manager, engine, sw } = await berthOnSwarm('swst-manager'));
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (!engine) return;
  // Berth's remove waits for the networks to be free (docker stack rm gives up on them while tasks still stop)
  for (const name of new Set(made)) await one.DELETE(req(`/api/v1/hosts/${manager}/swarm/stacks/${name}`, { method: 'DELETE' }), params({ id: manager, name }));
  // services of the stacks' names made straight on the Engine (the failed deploys' tests)
  await removeServices(engine, { name: named('') });
  await berth?.close();
});

describe('Swarm stacks', () => {
  const a = named('a');

  it(
    'deploys a stack (global host-port service, dnsrr replicated service, overlay network, secrets, config) that the docker CLI sees',
    { timeout: 180_000 },
    async () => {
      const secrets = { env: 'TOKEN=t0ken', privateFiles: { 'tls/cert.pem': 'CERT' } };
      const p = await plan(a, file(), secrets);
      expect(p.services.map((s) => [s.service, s.action])).toEqual([
        ['agent', 'create'],
        ['db', 'create'],
      ]);
      expect(p.networks).toEqual([`${a}_back`, `${a}_default`]);
      expect(p.secrets).toEqual([`${a}_token`, `${a}_cert`]);
      expect(p.warnings.join(' ')).toMatch(/build is ignored on Swarm/);

      const res = await deploy(a, file(), secrets);
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).message).toMatch(/2 service\(s\) created/);

      let last: SwarmStackDetail | undefined;
      const d = await until('the stack running', async () => {
        const x = (last = await detail(a));
        return x.running === x.desired && x.desired >= 5 ? x : null;
      }).catch(async (e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(last)} ${await cli('stack', 'ps', a, '--no-trunc')}`);
      });
      expect(d.source).toBe('berth');
      expect(d.compose).toBe(file());
      expect(d.hasEnv).toBe(true);
      expect(d.files).toEqual(['tls/cert.pem']);
      expect(d.stackServices.map((s) => [s.service, s.mode, s.desired])).toEqual([
        ['agent', 'global', 3],
        ['db', 'replicated', 2],
      ]);
      expect(d.stackServices[0].ports).toEqual([`${port}:8080/tcp (host)`]);

      expect(await cli('stack', 'ls', '--format', '{{.Name}} {{.Services}}')).toContain(`${a} 2`);
      const svcs = await cli('stack', 'services', a, '--format', '{{.Name}} {{.Mode}} {{.Replicas}}');
      expect(svcs).toContain(`${a}_agent global 3/3`);
      expect(svcs).toContain(`${a}_db replicated 2/2`);
      const ps = await cli('stack', 'ps', a, '--filter', 'desired-state=running', '--format', '{{.Name}} {{.CurrentState}}');
      expect(ps.split('\n').filter((l) => l.startsWith(`${a}_db.`) && l.includes('Running'))).toHaveLength(2);

      // the db's command checks its secrets (from the .env and the private file) and its config, and exits if one is wrong
      const net = (await engine.getNetwork(`${a}_back`).inspect()) as { Driver: string; Scope: string; Attachable: boolean };
      expect(net).toMatchObject({ Driver: 'overlay', Scope: 'swarm', Attachable: false });
    },
  );

  it('lists a stack the docker CLI deployed, with its services', async () => {
    const c = named('cli');
    made.push(c);
    const f = path.join(dir, 'cli.yml');
    fs.writeFileSync(f, `version: "3.8"\nservices:\n  one:\n    image: ${image}\n    command: ["sleep", "3600"]\n    deploy: { endpoint_mode: dnsrr }\n`);
    await cli('stack', 'deploy', '-c', f, c);
    const row = await until('the CLI stack listed', async () => (await list()).find((s) => s.name === c));
    expect(row).toMatchObject({ source: 'cli', services: 1 });
    expect((await list()).find((s) => s.name === a)).toMatchObject({ source: 'berth', services: 2 });
    const d = await detail(c);
    expect(d.compose).toBeNull();
    expect(d.stackServices.map((s) => s.name)).toEqual([`${c}_one`]);
  });

  it('exports a stack to a file that deploys the same services under another name', async () => {
    const res = await exportRoute.GET(req(`/api/v1/hosts/${manager}/swarm/stacks/${a}/export`), params({ id: manager, name: a }));
    expect(res.status).toBe(200);
    const text = await res.text();
    // a secret's data is never read back: the file refers to the original secret
    expect(text).toContain(`  token:\n    external: true\n    name: ${a}_token`);
    const b = named('b');
    // the copy's global agent would want the same host port on every node: drop it, the db is what is compared
    const copy = text.replace(/published: \d+/, `published: ${port + 1}`);
    const r2 = await deploy(b, copy);
    expect(r2.status, await r2.clone().text()).toBe(200);
    const spec = async (name: string) => {
      const s = (await engine.getService(name).inspect()) as {
        Spec: { Mode: unknown; EndpointSpec: unknown; TaskTemplate: { ContainerSpec: Record<string, unknown> } };
      };
      const c = s.Spec.TaskTemplate.ContainerSpec;
      return {
        mode: s.Spec.Mode,
        endpoint: s.Spec.EndpointSpec,
        image: c.Image,
        args: c.Args,
        secrets: ((c.Secrets ?? []) as { SecretName: string }[]).map((x) => x.SecretName),
      };
    };
    const [x, y] = [await spec(`${a}_db`), await spec(`${b}_db`)];
    expect(y).toEqual(x);
    expect((await spec(`${b}_agent`)).mode).toEqual({ Global: {} });
  });

  it('updates a stack: an unchanged service is left alone, a service no longer in the file is removed (prune)', async () => {
    const before = (await engine.getService(`${a}_db`).inspect()) as { Version: { Index: number } };
    const p = await plan(a, file(['db']));
    expect(p.services.map((s) => [s.service, s.action])).toEqual([
      ['db', 'unchanged'],
      ['agent', 'remove'],
    ]);
    // .env and files are kept from the last deploy when the body leaves them out
    const res = await deploy(a, file(['db']));
    expect(res.status, await res.clone().text()).toBe(200);
    const svcs = await cli('stack', 'services', a, '--format', '{{.Name}}');
    expect(svcs.trim().split('\n')).toEqual([`${a}_db`]);
    const after = (await engine.getService(`${a}_db`).inspect()) as { Version: { Index: number } };
    expect(after.Version.Index).toBe(before.Version.Index);
  });

  it('deploys nothing from a bad file', async () => {
    const bad = named('bad');
    const r1 = await deploy(bad, `services:\n  x:\n    image: ${image}\n    deploy: { mode: daemon }\n`);
    expect(r1.status).toBe(400);
    expect((await r1.json()).error.message).toMatch(/line 4.*deploy\.mode must be replicated or global/);
    const r2 = await deploy(bad, `services:\n  ok:\n    image: ${image}\n  "no.dots":\n    image: ${image}\nnetworks:\n  n: {}\n`);
    expect(r2.status).toBe(400);
    expect((await r2.json()).error.message).toMatch(/service name "no.dots"/);
    expect(await labelled(bad)).toEqual({ services: 0, networks: 0, secrets: 0, configs: 0 });
  });

  it('removes what a deploy made when it fails part-way', async () => {
    const f = named('fail');
    // a service of the stack's name that is not the stack's own: creating it fails after the rest was made
    await engine.createService({ Name: `${f}_zz`, TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } } } as object);
    const res = await deploy(
      f,
      `services:\n  aa:\n    image: ${image}\n    command: ["sleep", "3600"]\n    secrets: [s]\n  zz:\n    image: ${image}\nsecrets:\n  s: { environment: S }\n`,
      { env: 'S=1' },
    );
    expect(res.status).not.toBe(200);
    expect((await res.json()).error.message).toMatch(/already exists|conflict/i);
    expect(await labelled(f)).toEqual({ services: 0, networks: 0, secrets: 0, configs: 0 });
    expect((await list()).find((s) => s.name === f)).toBeUndefined();
  });

  it('puts an updated service back when a later step of the deploy fails', async () => {
    const u = named('upd');
    const one = (env: string) =>
      `services:\n  aa:\n    image: ${image}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n    environment: [V=${env}]\n`;
    const r1 = await deploy(u, one('1'));
    expect(r1.status, await r1.clone().text()).toBe(200);
    const before = (await engine.getService(`${u}_aa`).inspect()) as {
      Spec: { Labels: Record<string, string>; TaskTemplate: { ContainerSpec: { Env: string[] } } };
    };
    await engine.createService({ Name: `${u}_zz`, TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } } } as object);
    const r2 = await deploy(u, `${one('2')}  zz:\n    image: ${image}\n`);
    expect(r2.status).not.toBe(200);
    const after = (await engine.getService(`${u}_aa`).inspect()) as typeof before;
    expect(after.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['V=1']);
    expect(after.Spec.Labels['io.berth.stack.spec-hash']).toBe(before.Spec.Labels['io.berth.stack.spec-hash']);
  });

  it("refuses an operator's stack whose service breaks the policy, before anything is made", async () => {
    const operator = await signUp(berth, 'swst-operator', 'operator');
    const p = named('pol');
    const res = await deploy(p, `services:\n  ok:\n    image: ${image}\n  x:\n    image: ${image}\n    volumes: [/etc:/host-etc]\n`, {}, operator);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/\/etc/);
    expect(await labelled(p)).toEqual({ services: 0, networks: 0, secrets: 0, configs: 0 });
  });

  it('removes a stack as docker stack rm does', async () => {
    const b = named('b');
    const res = await one.DELETE(req(`/api/v1/hosts/${manager}/swarm/stacks/${b}`, { method: 'DELETE' }), params({ id: manager, name: b }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await labelled(b)).toMatchObject({ services: 0, secrets: 0, configs: 0 });
    expect(await cli('stack', 'ls', '--format', '{{.Name}}')).not.toContain(b);
  });
});
