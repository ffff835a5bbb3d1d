import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/hosts/[id]/swarm/services/route';
import * as one from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/route';
import * as tasksRoute from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/tasks/route';
import * as scaleRoute from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/scale/route';
import * as rollbackRoute from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/rollback/route';
import * as logsRoute from '@/app/api/v1/hosts/[id]/swarm/services/[sid]/logs/route';
import type { ServiceDetail, ServiceSummary, SwarmTask } from '@/lib/swarm-types';
import type { LiveMessage } from '@/lib/types';
import type { Berth } from '@/server/context';
import type { SwarmEnv } from '../harness';
import { errorMessage as message, harness, params, req, signUp, waitFor } from './support';
import { berthOnSwarm, createTestService, removeServices } from './swarm-support';

/**
 * Swarm services and tasks (issue #14 points 3, 6, 8) on the harness's three-node swarm. Other suites use the same
 * swarm at the same time: everything here is named svc-<random>-… and labelled, removed in afterAll, and the one node
 * this suite drains is made active again in a finally. Host-mode ports and dnsrr endpoints (no IPVS here).
 */
const run = randomBytes(3).toString('hex');
const named = (s: string) => `svc-${run}-${s}`;
const port = 30000 + Math.floor(Math.random() * 10000);

let berth: Berth;
let manager: string;
let viewerToken: string;
let engine: Docker;
let sw: SwarmEnv;

const until = <T>(what: string, fn: () => Promise<T | undefined | false | null>, ms = 40_000) => waitFor(what, fn, ms, 300);
const services = async (): Promise<ServiceSummary[]> => {
  const res = await list.GET(req(`/api/v1/hosts/${manager}/swarm/services`), params({ id: manager }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).services;
};
const detail = async (sid: string): Promise<ServiceDetail> => {
  const res = await one.GET(req(`/api/v1/hosts/${manager}/swarm/services/${sid}`), params({ id: manager, sid }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).service;
};
const tasks = async (sid: string, all = false): Promise<SwarmTask[]> => {
  const res = await tasksRoute.GET(req(`/api/v1/hosts/${manager}/swarm/services/${sid}/tasks?all=${all ? 1 : 0}`), params({ id: manager, sid }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).tasks;
};
const scale = (sid: string, json: unknown, token?: string) =>
  scaleRoute.POST(req(`/api/v1/hosts/${manager}/swarm/services/${sid}/scale`, { method: 'POST', json, token }), params({ id: manager, sid }));
const running = (t: SwarmTask[]) => t.filter((x) => x.desiredState === 'running' && x.state === 'running');

const create = (name: string, spec: { global?: boolean; replicas?: number; cmd: string[]; constraints?: string[]; port?: number }) =>
  createTestService(engine, {
    name,
    label: run,
    command: spec.cmd,
    replicas: spec.global ? 'global' : spec.replicas,
    hostname: '{{.Node.Hostname}}',
    placement: { Constraints: spec.constraints ?? [] },
    restart: { Condition: 'any', Delay: 1_000_000_000 },
    update: { Parallelism: 0, Order: 'stop-first' },
    hostPorts: spec.port ? [{ published: spec.port, target: 8080 }] : undefined,
  });

/** Puts a node back to active (other suites need all three nodes). */
async function activate(id: string) {
  for (let i = 0; i < 5; i++) {
    const n = (await engine.getNode(id).inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
    try {
      await engine.getNode(id).update({ _query: { version: n.Version.Index }, _body: { ...n.Spec, Availability: 'active' } } as object);
      return;
    } catch (e) {
      if (i === 4) throw e;
    }
  }
}

beforeAll(async () => {
  ({ berth, manager, engine, sw } = await berthOnSwarm('svc-manager'));
  viewerToken = await signUp(berth, 'svc-viewer', 'viewer');
});

afterAll(async () => {
  if (engine) await removeServices(engine, { label: run });
  await berth?.close();
});

describe('swarm services and tasks', () => {
  let globalId: string;

  it('a global service runs one task per node, each answering on its node address (host-mode port); logs name each task', async () => {
    const name = named('global');
    globalId = await create(name, { global: true, port, cmd: ['sh', '-c', 'echo "hello from $(hostname)"; exec httpd -f -p 8080 -h /etc'] });
    const t = await until('three running tasks', async () => {
      const x = await tasks(globalId);
      return running(x).length === 3 && x;
    });
    expect(new Set(t.map((x) => x.nodeName))).toEqual(new Set(['swarm-node1', 'swarm-node2', 'swarm-node3']));
    for (const x of t) {
      expect(x.name).toBe(`${name}.${x.nodeId}.${x.id.slice(0, 12)}`);
      expect(x.problem).toBeNull();
    }
    const s = await until('the list to count 3/3', async () => (await services()).find((x) => x.id === globalId && x.running === 3 && x));
    expect(s).toMatchObject({ name, mode: 'global', running: 3, desired: 3, image: harness().TEST_IMAGE, canRollback: false, pending: null });
    expect(s.ports).toEqual([{ protocol: 'tcp', target: 8080, published: port, mode: 'host' }]);

    for (const addr of sw.nodeAddrs) {
      const body = await until(`http://${addr}:${port}/hostname`, async () => {
        const res = await fetch(`http://${addr}:${port}/hostname`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        return res?.ok && (await res.text()).trim();
      });
      expect(body).toMatch(/^swarm-node[123]$/);
    }

    // Every task's line, labelled "name.node.task@hostname | …", the backlog in time order.
    const lines = await until('a log line from each task', async () => {
      const res = await logsRoute.GET(req(`/api/v1/hosts/${manager}/swarm/services/${globalId}/logs?tail=all`), params({ id: manager, sid: globalId }));
      expect(res.status, await res.clone().text()).toBe(200);
      const l = ((await res.json()).lines as { line: string }[]).map((x) => x.line);
      return l.length >= 3 && l;
    });
    for (const x of t) expect(lines).toContain(`${x.name}@${x.nodeName} | hello from ${x.nodeName}`);
  });

  it('follows service logs as server-sent events: the backlog once, in time order, then live lines', async () => {
    const ctl = new AbortController();
    const res = await logsRoute.GET(
      req(`/api/v1/hosts/${manager}/swarm/services/${globalId}/logs?follow=1&tail=all&timestamps=1`, { signal: ctl.signal }),
      params({ id: manager, sid: globalId }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const lines: { line: string; ts?: string }[] = [];
    let open: { type: string; name?: string } | undefined;
    try {
      while (lines.length < 3) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        const events = text.split('\n\n');
        text = events.pop()!;
        for (const e of events) {
          if (!e.startsWith('data: ')) continue;
          const m = JSON.parse(e.slice(6));
          if (m.type === 'open') open = m;
          if (m.type === 'lines') lines.push(...m.lines);
        }
      }
    } finally {
      ctl.abort();
      await reader.cancel().catch(() => undefined);
    }
    expect(open).toMatchObject({ type: 'open', name: named('global') });
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.line.split(' | ')[0])).size).toBe(3);
    const ts = lines.map((l) => l.ts!);
    expect(ts).toEqual([...ts].sort());
  });

  it('refuses to scale a global service, saying why, and changes nothing', async () => {
    const res = await scale(globalId, { replicas: 2 });
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(
      `Service ${named('global')} is global: it runs one task on every eligible node, so it cannot be scaled to a number. Its tasks follow the nodes: change its placement constraints or the nodes' availability, or recreate it as a replicated service.`,
    );
    expect((await detail(globalId)).mode).toBe('global');
    // Bad numbers, an unknown service, and a viewer.
    expect(await message(await scale(globalId, { replicas: -1 }))).toContain('replicas must be 0 or more');
    expect(await message(await scale(globalId, { replicas: 'three' }))).toContain('replicas must be a whole number');
    const missing = await scale('svc-no-such-service', { replicas: 1 });
    expect(missing.status).toBe(404);
    expect(await message(missing)).toContain('No service "svc-no-such-service" in the swarm of host svc-manager');
    expect((await scale(globalId, { replicas: 1 }, viewerToken)).status).toBe(403);
  });

  it('shows the pending reason of a constraint no node satisfies, in plain words', async () => {
    const id = await create(named('nowhere'), { replicas: 1, cmd: ['sleep', '3600'], constraints: ['node.labels.svc-nothere==yes'] });
    const d = await until('the pending reason', async () => {
      const x = await detail(id);
      return x.pending ? x : null;
    });
    expect(d.running).toBe(0);
    expect(d.desired).toBe(1);
    expect(d.constraints).toEqual(['node.labels.svc-nothere==yes']);
    expect(d.pending).toContain('No node can run this task: the placement constraints rule out 3 nodes.');
    expect(d.pending).toContain("change the service's constraints, or add the node labels they ask for");
    const [t] = await tasks(id);
    expect(t).toMatchObject({
      state: 'pending',
      desiredState: 'running',
      nodeName: null,
      err: 'no suitable node (scheduling constraints not satisfied on 3 nodes)',
    });
    expect(t.problem).toBe(d.pending);
    expect((await services()).find((x) => x.id === id)?.pending).toBe(d.pending);
  });

  it('scales 1 → 3 through the API; the live stream reports the service change', async () => {
    const seen: LiveMessage[] = [];
    const unsubscribe = berth.fleet.hub.subscribe((m) => seen.push(m));
    try {
      const id = await create(named('web'), { replicas: 1, cmd: ['sleep', '3600'] });
      await until('one running task', async () => running(await tasks(id)).length === 1);
      const res = await scale(id, { replicas: 3 });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = await res.json();
      expect(body.message).toBe(`Service ${named('web')}: 1 → 3 replicas`);
      expect(body.service.replicas).toBe(3);
      const t = await until('three running tasks', async () => {
        const x = await tasks(id);
        return running(x).length === 3 && x;
      });
      expect(t.map((x) => x.slot).sort()).toEqual([1, 2, 3]);
      expect(t[0].name).toMatch(new RegExp(`^${named('web')}\\.1\\.[a-z0-9]{12}$`));
      expect((await services()).find((x) => x.id === id)).toMatchObject({ running: 3, desired: 3, mode: 'replicated' });
      // Again the same number: nothing to do, said so.
      expect((await (await scale(id, { replicas: 3 })).json()).message).toBe(`Service ${named('web')} already has 3 replicas: nothing changed`);
      await until('a swarm-service message', async () => seen.some((m) => m.type === 'swarm-service' && m.hostId === manager && m.serviceId === id));
    } finally {
      unsubscribe();
    }
  });

  it('draining a node moves its tasks to the others (and the node is made active again)', async () => {
    const id = await create(named('spread'), { replicas: 3, cmd: ['sleep', '3600'] });
    const before = await until('three running tasks', async () => {
      const x = running(await tasks(id));
      return x.length === 3 && x;
    });
    // A worker that runs one of them (the manager is left alone: other suites talk to it).
    const victim = before.find((x) => x.nodeName !== 'swarm-node1')!;
    try {
      const n = (await engine.getNode(victim.nodeId!).inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
      await engine.getNode(victim.nodeId!).update({ _query: { version: n.Version.Index }, _body: { ...n.Spec, Availability: 'drain' } } as object);
      const after = await until('three running tasks off the drained node', async () => {
        const x = running(await tasks(id));
        return x.length === 3 && x.every((t) => t.nodeId !== victim.nodeId) && x;
      });
      expect(after.map((x) => x.nodeName)).not.toContain(victim.nodeName);
      // The task that was there is shut down, as the full history shows.
      const old = (await tasks(id, true)).find((x) => x.id === victim.id)!;
      expect(old.desiredState).toBe('shutdown');
    } finally {
      await activate(victim.nodeId!);
    }
  });

  it('rolls back after an update; refuses a rollback with no previous version', async () => {
    const id = await create(named('roll'), { replicas: 1, cmd: ['sleep', '3600'] });
    let res = await rollbackRoute.POST(req(`/api/v1/hosts/${manager}/swarm/services/${id}/rollback`, { method: 'POST' }), params({ id: manager, sid: id }));
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(
      `Service ${named('roll')} has no previous version to roll back to: it has not been updated since it was created. Nothing was changed.`,
    );
    const s = (await engine.getService(id).inspect()) as { Version: { Index: number }; Spec: { TaskTemplate: { ContainerSpec: Record<string, unknown> } } };
    s.Spec.TaskTemplate.ContainerSpec.Env = ['BERTH_STEP=2'];
    await engine.getService(id).update({ _query: { version: s.Version.Index }, _body: s.Spec } as object);
    await until('the update to finish', async () => (await detail(id)).update?.state === 'completed');
    expect((await detail(id)).canRollback).toBe(true);
    res = await rollbackRoute.POST(req(`/api/v1/hosts/${manager}/swarm/services/${id}/rollback`, { method: 'POST' }), params({ id: manager, sid: id }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).message).toBe(`Service ${named('roll')}: rolling back to its previous version`);
    const done = await until('the rollback to finish', async () => {
      const d = await detail(id);
      return d.update?.state === 'rollback_completed' && d;
    });
    expect(done.update?.state).toBe('rollback_completed');
    const after = (await engine.getService(id).inspect()) as { Spec: { TaskTemplate: { ContainerSpec: { Env?: string[] } } } };
    expect(after.Spec.TaskTemplate.ContainerSpec.Env ?? []).not.toContain('BERTH_STEP=2');
  });

  it('removes a service; then it is gone', async () => {
    const id = await create(named('gone'), { replicas: 1, cmd: ['sleep', '3600'] });
    expect(
      (await one.DELETE(req(`/api/v1/hosts/${manager}/swarm/services/${id}`, { method: 'DELETE', token: viewerToken }), params({ id: manager, sid: id })))
        .status,
    ).toBe(403);
    const res = await one.DELETE(req(`/api/v1/hosts/${manager}/swarm/services/${id}`, { method: 'DELETE' }), params({ id: manager, sid: id }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).message).toBe(`Removed service ${named('gone')}; its tasks are stopping on their nodes`);
    const again = await one.GET(req(`/api/v1/hosts/${manager}/swarm/services/${id}`), params({ id: manager, sid: id }));
    expect(again.status).toBe(404);
    expect((await services()).some((x) => x.id === id)).toBe(false);
    // Removal is audited like other changes.
    const entries = await berth.db.selectFrom('audit_log').selectAll().where('action', '=', 'DELETE /api/v1/hosts/{id}/swarm/services/{sid}').execute();
    expect(entries.map((e) => [e.target, e.result])).toEqual([
      [`sid=${id}`, 'denied'],
      [`sid=${id}`, 'ok'],
    ]);
  });
});
