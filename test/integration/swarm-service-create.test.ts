import http from 'node:http';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as services from '@/app/api/v1/hosts/[id]/swarm/services/route';
import * as update from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/update/route';
import type { ServiceChanged, ServiceCreateInput, ServiceFormValue } from '@/lib/schemas/swarm-service';
import type { Berth } from '@/server/context';
import { errorMessage as message, params, req, signUp, waitFor } from './support';
import { berthOnSwarm, type RawTask, removeServices, runningTasks } from './swarm-support';

/**
 * Creating and updating Swarm services from the form (issue #14 points 3 and 7) on the harness's three-node swarm.
 * Other suites use the same swarm at the same time: everything here is named with this run's prefix and removed in
 * afterAll. The kernel has no IPVS, so services publish host-mode ports with endpoint mode dnsrr.
 */
const IMAGE = 'berth-test/busybox:latest';
const prefix = `create-${Math.random().toString(36).slice(2, 7)}`;
/** host ports for this run, away from the ones other suites pick */
const basePort = 21000 + Math.floor(Math.random() * 8000);

let berth: Berth;
let manager: string;
let operatorToken: string;
let engine: Docker;
let nodeAddrs: string[];

const create = (json: unknown, token?: string) =>
  services.POST(req(`/api/v1/hosts/${manager}/swarm/services`, { method: 'POST', json, token }), params({ id: manager }));
const postUpdate = (sid: string, json: unknown, token?: string) =>
  update.POST(req(`/api/v1/hosts/${manager}/swarm/services/${sid}/update`, { method: 'POST', json, token }), params({ id: manager, sid }));
const formOf = async (sid: string): Promise<ServiceFormValue> => {
  const res = await update.GET(req(`/api/v1/hosts/${manager}/swarm/services/${sid}/update`), params({ id: manager, sid }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).service;
};
const ours = async () => ((await engine.listServices()) as { Spec: { Name: string } }[]).map((s) => s.Spec.Name).filter((n) => n.startsWith(prefix));
const service = (name: string, extra: Partial<ServiceCreateInput> = {}): ServiceCreateInput => ({
  name: `${prefix}-${name}`,
  image: IMAGE,
  command: 'sleep 1d',
  endpointMode: 'dnsrr',
  labels: [{ key: 'io.berth.test', value: prefix }],
  ...extra,
});
/** The service's form once its update has rolled back by itself. */
const rolledBack = (sid: string) =>
  waitFor(
    'the update to roll back',
    async () => {
      const s = await formOf(sid);
      return s.updateState === 'rollback_completed' && s;
    },
    120_000,
  );
const created = async (res: Response): Promise<ServiceChanged> => {
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const tasksOf = async (id: string) => (await engine.listTasks({ filters: { service: [id] } })) as RawTask[];
const running = async (id: string, n: number) => (await runningTasks(engine, id)).length >= n;

/** Any HTTP answer from addr:port (busybox httpd answers 404 for a missing index, which is an answer). */
const answers = (host: string, port: number) =>
  new Promise<number | null>((resolve) => {
    const r = http.get({ host, port, path: '/', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    r.on('error', () => resolve(null));
    r.on('timeout', () => r.destroy());
  });

beforeAll(async () => {
  const suite = await berthOnSwarm();
  ({ berth, manager, engine } = suite);
  nodeAddrs = suite.sw.nodeAddrs;
  operatorToken = await signUp(berth, 'create-operator', 'operator');
});

afterAll(async () => {
  if (engine) await removeServices(engine, { name: prefix });
  await berth?.close();
});

describe('swarm service create and update', () => {
  it('creates a replicated service with a host-mode port and dnsrr, which answers on the nodes running it', async () => {
    const port = basePort;
    const r = await created(
      await create(service('web', { command: 'httpd -f -p 8080 -h /tmp', replicas: '2', ports: [{ target: '8080', published: String(port), mode: 'host' }] })),
    );
    expect(r.message).toBe(`Created service ${prefix}-web (2 replicas) in the swarm of host swarm-manager`);
    const raw = (await engine.getService(r.id).inspect()) as { Spec: { EndpointSpec: unknown; Labels: Record<string, string> } };
    expect(raw.Spec.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: port, PublishMode: 'host' }] });
    expect(raw.Spec.Labels['io.berth.managed']).toBe('true');
    await waitFor('2 running tasks', () => running(r.id, 2), 60_000);
    const nodes = (await engine.listNodes()) as { ID: string; Status: { Addr: string } }[];
    const on = (await tasksOf(r.id)).filter((t) => t.Status.State === 'running').map((t) => nodes.find((n) => n.ID === t.NodeID)!.Status.Addr);
    expect(on.every((a) => nodeAddrs.includes(a))).toBe(true);
    for (const addr of on) expect(await waitFor(`an answer on ${addr}:${port}`, () => answers(addr, port), 20_000)).toBeGreaterThan(0);
  });

  it('refuses names Docker would refuse, and a name that exists, saying so; nothing is created', async () => {
    let res = await create(service('bad.name'));
    expect(res.status).toBe(400);
    expect(await message(res)).toContain('Service name may use letters, digits, "-" and "_"');
    res = await create(service('web'));
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(
      `A service named ${prefix}-web already exists in the swarm of host swarm-manager: choose another name, or edit that service`,
    );
    expect((await ours()).filter((n) => n.includes('bad'))).toEqual([]);
  });

  it('refuses a host-mode port taken on every node before creating anything, naming the nodes', async () => {
    const port = basePort + 1;
    const g = await created(await create(service('holder', { mode: 'global', ports: [{ target: '80', published: String(port), mode: 'host' }] })));
    // every node that is ready and active has its task
    const active = ((await engine.listNodes()) as { ID: string; Spec: { Availability: string }; Status: { State: string } }[]).filter(
      (n) => n.Status.State === 'ready' && n.Spec.Availability === 'active',
    );
    await waitFor('a task on every node', async () => new Set((await tasksOf(g.id)).map((t) => t.NodeID)).size >= active.length, 60_000);
    const res = await create(service('second', { replicas: '1', ports: [{ target: '80', published: String(port), mode: 'host' }] }));
    expect(res.status).toBe(409);
    const text = await message(res);
    expect(text).toContain(`Service ${prefix}-second cannot publish host-mode port ${port}/tcp is taken on every node it could run on (`);
    expect(text).toContain(`swarm-node1 by service ${prefix}-holder`);
    expect(text).toContain('nothing was created');
    expect(await ours()).not.toContain(`${prefix}-second`);
    // the same port on a free protocol is fine
    await created(await create(service('udp', { ports: [{ target: '80', published: String(port), mode: 'host', protocol: 'udp' }] })));
  });

  it("refuses an operator's docker.sock bind, privileges, capabilities and the host network; nothing is created", async () => {
    const cases: [string, Partial<ServiceCreateInput>, string][] = [
      ['sock', { mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] }, "exposes the container runtime's socket"],
      ['seccomp', { privileges: { seccomp: 'unconfined' } }, 'security_opt: seccomp=unconfined turns off a kernel protection'],
      ['cap', { capAdd: 'SYS_ADMIN' }, 'cap_add: SYS_ADMIN'],
      ['hostnet', { networks: [{ name: 'host' }], endpointMode: 'vip' }, "networks: host shares the host's network namespace"],
    ];
    for (const [name, extra, why] of cases) {
      const res = await create(service(`op-${name}`, extra), operatorToken);
      expect(res.status, name).toBe(403);
      const text = await message(res);
      expect(text).toContain('Only an admin may create or update this service');
      expect(text).toContain(why);
    }
    expect((await ours()).filter((n) => n.includes('-op-'))).toEqual([]);
    // host-mode ports are judged as a container's published ports are: the policy lets an operator publish them
    await created(await create(service('op-port', { ports: [{ target: '80', published: String(basePort + 2), mode: 'host' }] }), operatorToken));
  });

  it("refuses an operator's update that adds a docker.sock bind, leaving the service as it was", async () => {
    const name = `${prefix}-op-port`;
    // the spec, not the version: the swarm bumps a new service's version by itself (endpoint allocation)
    const specOf = async () => ((await engine.getService(name).inspect()) as { Spec: unknown }).Spec;
    const before = await specOf();
    const { form } = await formOf(name);
    const { name: _n, ...rest } = form;
    const res = await postUpdate(name, { ...rest, mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/s' }] }, operatorToken);
    expect(res.status).toBe(403);
    expect(await message(res)).toContain("exposes the container runtime's socket");
    expect(await specOf()).toEqual(before);
  });

  it('a rolling update to tasks that fail rolls back by itself', async () => {
    const r = await created(
      await create(
        service('roll', {
          replicas: '1',
          update: { parallelism: '1', failureAction: 'rollback', monitor: '5s', order: 'stop-first' },
          rollback: { parallelism: '1', failureAction: 'pause' },
          restart: { condition: 'any', delay: '1s' },
        }),
      ),
    );
    await waitFor('the first task running', () => running(r.id, 1), 60_000);
    const { form } = await formOf(r.id);
    expect(form.update).toMatchObject({ failureAction: 'rollback', monitor: '5s' });
    const { name: _n, ...rest } = form;
    const res = await postUpdate(r.id, { ...rest, command: "sh -c 'exit 1'" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).message).toBe(
      `Rolling update of service ${prefix}-roll started: tasks are replaced 1 at a time (stop-first); on failure the update rolls back by itself`,
    );
    const state = await rolledBack(r.id);
    expect(state.updateMessage).toMatch(/rollback completed/i);
    // the spec is back to the command that worked
    expect(state.form.command).toBe('sleep 1d');
  }, 150_000);

  it('an update to an image tag no node has is rejected at the nodes and rolls back by itself', async () => {
    const r = await created(
      await create(service('tag', { replicas: '1', update: { failureAction: 'rollback', monitor: '5s' }, restart: { condition: 'any', delay: '1s' } })),
    );
    await waitFor('the first task running', () => running(r.id, 1), 60_000);
    const { form } = await formOf(r.id);
    const { name: _n, ...rest } = form;
    const res = await postUpdate(r.id, { ...rest, image: 'berth-test/busybox:no-such-tag' });
    expect(res.status, await res.clone().text()).toBe(200);
    const state = await rolledBack(r.id);
    expect(state.form.image).toBe(IMAGE);
    // the node said why: the image is not there (nothing can be pulled here)
    const rejected = (await tasksOf(r.id)).find((t) => t.Status.State === 'rejected');
    expect(rejected?.Status.Err).toContain('No such image: berth-test/busybox:no-such-tag');
  }, 150_000);

  it('refuses changing the mode, and an unknown service', async () => {
    const { form } = await formOf(`${prefix}-web`);
    const { name: _n, ...rest } = form;
    let res = await postUpdate(`${prefix}-web`, { ...rest, mode: 'global', replicas: '' });
    expect(res.status).toBe(400);
    expect(await message(res)).toContain("Docker cannot change a service's mode");
    res = await postUpdate(`${prefix}-nope`, rest);
    expect(res.status).toBe(404);
    expect(await message(res)).toContain(`No service "${prefix}-nope"`);
  });
});
