import fs from 'node:fs';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as env from '@/app/api/v1/hosts/[id]/swarm/route';
import * as tokens from '@/app/api/v1/hosts/[id]/swarm/tokens/route';
import * as nodes from '@/app/api/v1/hosts/[id]/swarm/nodes/route';
import * as node from '@/app/api/v1/hosts/[id]/swarm/nodes/[nid]/route';
import type { SwarmEnvironment, SwarmNode, SwarmTokens } from '@/lib/swarm-types';
import type { LiveMessage } from '@/lib/types';
import type { Berth } from '@/server/context';
import { IPVS_MISSING } from '@/server/swarm/ipvs';
import type { SwarmEnv } from '../harness';
import { docker, errorMessage as message, harness, params, req, signUp, waitFor } from './support';
import { berthOnSwarm, nodeIds, registerSocketHost } from './swarm-support';

/**
 * Swarm environment and nodes (issue #14 points 1, 2, 8) on the harness's three-node swarm (one manager, two
 * workers). Every change a test makes to the swarm (a promotion, a drain, a label) is undone in a finally, so the
 * swarm is left as the harness made it for the suites after this one.
 */

let berth: Berth;
let manager: string;
let worker: string;
let plain: string;
let viewerToken: string;
let operatorToken: string;
let sw: SwarmEnv;
let engine: Docker;
/** node ids by role in the harness: the manager and the two workers, as SWARM_NODE_ADDRS orders them */
let ids: [string, string, string];

const environment = async (host: string): Promise<SwarmEnvironment> => {
  const res = await env.GET(req(`/api/v1/hosts/${host}/swarm`), params({ id: host }));
  expect(res.status).toBe(200);
  return (await res.json()).swarm;
};
const list = async (): Promise<SwarmNode[]> => {
  const res = await nodes.GET(req(`/api/v1/hosts/${manager}/swarm/nodes`), params({ id: manager }));
  expect(res.status).toBe(200);
  return (await res.json()).nodes;
};
const patch = (nid: string, json: unknown, token?: string) =>
  node.PATCH(req(`/api/v1/hosts/${manager}/swarm/nodes/${nid}`, { method: 'PATCH', json, token }), params({ id: manager, nid }));
const remove = (nid: string) => node.DELETE(req(`/api/v1/hosts/${manager}/swarm/nodes/${nid}`, { method: 'DELETE' }), params({ id: manager, nid }));
const getTokens = (token?: string) => tokens.GET(req(`/api/v1/hosts/${manager}/swarm/tokens`, { token }), params({ id: manager }));
const rotate = (role: string, token?: string) =>
  tokens.POST(req(`/api/v1/hosts/${manager}/swarm/tokens`, { method: 'POST', json: { role }, token }), params({ id: manager }));
const rawNode = (id: string) =>
  engine.getNode(id).inspect() as Promise<{
    Spec: { Role: string; Availability: string; Labels?: Record<string, string> };
    ManagerStatus?: { Reachability?: string };
  }>;

/** Puts a node back as the harness made it: its role, active, without the labels this suite adds. */
async function restore(id: string, role: 'manager' | 'worker') {
  for (let i = 0; i < 3; i++) {
    const n = (await engine.getNode(id).inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> & { Labels?: Record<string, string> } };
    const labels = Object.fromEntries(Object.entries(n.Spec.Labels ?? {}).filter(([k]) => !k.startsWith('berth-test')));
    try {
      await engine
        .getNode(id)
        .update({ _query: { version: n.Version.Index }, _body: { ...n.Spec, Role: role, Availability: 'active', Labels: labels } } as object);
      return;
    } catch (e) {
      if (i === 2) throw e;
    }
  }
}

beforeAll(async () => {
  ({ berth, manager, engine, sw } = await berthOnSwarm());
  ids = await nodeIds(engine, sw);
  worker = await registerSocketHost('swarm-worker', sw.workerSockets[0]);
  plain = await registerSocketHost('daemon-a', harness().DOCKER_A_SOCKET);
  viewerToken = await signUp(berth, 'swarm-viewer', 'viewer');
  operatorToken = await signUp(berth, 'swarm-operator', 'operator');
});

afterAll(async () => {
  for (const [i, id] of (ids ?? []).entries()) await restore(id, i === 0 ? 'manager' : 'worker').catch(() => undefined);
  await berth?.close();
});

describe('swarm environment and nodes', () => {
  it('shows the manager: 1 manager, 2 workers, the leader, no quorum warning, and whether IPVS is there', async () => {
    const s = await environment(manager);
    expect(s.state).toBe('manager');
    if (s.state !== 'manager') return;
    expect(s.nodes).toBe(3);
    expect(s.workers).toBe(2);
    expect(s.quorum).toEqual({ managers: 1, reachable: 1, needed: 1, tolerates: 0, warnings: [] });
    expect(s.leader).toMatchObject({ id: ids[0], hostname: 'swarm-node1' });
    expect(s.nodeAddr).toBe(sw.nodeAddrs[0]);
    expect(s.id).toMatch(/^[a-z0-9]{25}$/);
    // The machines here have no IPVS (scripts/harness/README.md "Swarm"); the probe must find that out by itself.
    const hasIpvs = fs.existsSync('/sys/module/ip_vs') || fs.existsSync('/proc/net/ip_vs');
    expect(s.ipvs.present).toBe(hasIpvs);
    if (!hasIpvs) expect(s.ipvs.message).toBe(IPVS_MISSING);
    // The probe container is gone afterwards.
    expect(await engine.listContainers({ all: true, filters: { label: ['io.berth.probe'] } })).toEqual([]);
  });

  it('says a worker is a worker and names its manager; a plain daemon is not in a swarm', async () => {
    const w = await environment(worker);
    expect(w).toMatchObject({ state: 'worker', managerAddrs: [`${sw.nodeAddrs[0]}:2377`] });
    if (w.state === 'worker') expect(w.message).toContain('is a swarm worker');
    const p = await environment(plain);
    expect(p.state).toBe('none');
    if (p.state === 'none')
      expect(p.message).toBe('Host daemon-a is not in a swarm: run "docker swarm init" on it to start one, or "docker swarm join" to join one');
    // Node lists are a manager's: a worker says where to look instead.
    const res = await nodes.GET(req(`/api/v1/hosts/${worker}/swarm/nodes`), params({ id: worker }));
    expect(res.status).toBe(409);
    expect(await message(res)).toContain(`${sw.nodeAddrs[0]}:2377`);
  });

  it('lists the nodes with role, availability, status, leader, engine, resources and platform', async () => {
    const all = await list();
    expect(all.map((n) => n.role)).toEqual(['manager', 'worker', 'worker']);
    const m = all[0];
    expect(m).toMatchObject({
      id: ids[0],
      hostname: 'swarm-node1',
      availability: 'active',
      status: 'ready',
      leader: true,
      reachability: 'reachable',
      self: true,
    });
    expect(m.managerAddr).toBe(`${sw.nodeAddrs[0]}:2377`);
    for (const n of all) {
      expect(n.engineVersion).toMatch(/^\d+\.\d+/);
      expect(n.nanoCpus).toBeGreaterThan(0);
      expect(n.memoryBytes).toBeGreaterThan(0);
      expect(n.os).toBe('linux');
      expect(sw.nodeAddrs).toContain(n.addr);
    }
    expect(all[1]).toMatchObject({ role: 'worker', leader: false, reachability: null, self: false });
    const one = await node.GET(req(`/api/v1/hosts/${manager}/swarm/nodes/${ids[1]}`), params({ id: manager, nid: ids[1] }));
    expect((await one.json()).node).toMatchObject({ id: ids[1], hostname: 'swarm-node2', role: 'worker' });
  });

  it('warns about quorum when a worker is promoted to make 2 managers, and not after demoting it back', async () => {
    try {
      const res = await patch(ids[1], { role: 'manager' });
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).message).toBe('Node swarm-node2: promoted to manager');
      const s = await environment(manager);
      if (s.state !== 'manager') throw new Error('not a manager');
      expect(s.quorum).toMatchObject({ managers: 2, needed: 2, tolerates: 0 });
      expect(s.quorum.warnings[0]).toEqual({
        kind: 'even',
        message:
          'An even number of managers adds no fault tolerance: 2 managers tolerate the loss of 0, as many as 1 would. Promote a worker to make 3, or demote one to make 1.',
      });
      // Let the new manager join raft before it is demoted again.
      await waitFor('the promoted node to be a reachable manager', async () => (await rawNode(ids[1])).ManagerStatus?.Reachability === 'reachable', 30_000);
      const back = await patch(ids[1], { role: 'worker' });
      expect(back.status, await back.clone().text()).toBe(200);
    } finally {
      await restore(ids[1], 'worker');
    }
    await waitFor('one manager again', async () => (await list()).filter((n) => n.role === 'manager').length === 1, 30_000);
    const s = await environment(manager);
    if (s.state === 'manager') expect(s.quorum.warnings).toEqual([]);
  });

  it('drains a worker and makes it active again; the live stream reports the node changing', async () => {
    const seen: LiveMessage[] = [];
    const unsubscribe = berth.fleet.hub.subscribe((m) => seen.push(m));
    try {
      const res = await patch(ids[2], { availability: 'drain' });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.node.availability).toBe('drain');
      expect(body.message).toBe('Node swarm-node3: availability active → drain');
      expect((await rawNode(ids[2])).Spec.Availability).toBe('drain');
      expect((await docker(sw.managerSocket, 'node', 'inspect', ids[2], '--format', '{{.Spec.Availability}}')).trim()).toBe('drain');
      const again = await patch(ids[2], { availability: 'active' });
      expect((await again.json()).node.availability).toBe('active');
      // The manager's Engine sends node events; the host runtime passes them on for the Swarm page to refetch.
      await waitFor('a swarm-node message', () => seen.some((m) => m.type === 'swarm-node' && m.hostId === manager && m.nodeId === ids[2]), 10_000);
    } finally {
      unsubscribe();
      await restore(ids[2], 'worker');
    }
  });

  it('adds and removes labels, leaving other labels alone', async () => {
    try {
      let res = await patch(ids[1], { labels: { 'berth-test.zone': 'a', 'berth-test.disk': 'ssd' } });
      expect(res.status).toBe(200);
      expect((await res.json()).node.labels).toMatchObject({ 'berth-test.zone': 'a', 'berth-test.disk': 'ssd' });
      res = await patch(ids[1], { labels: { 'berth-test.zone': null } });
      const body = await res.json();
      expect(body.message).toBe('Node swarm-node2: label berth-test.zone removed');
      expect(body.node.labels['berth-test.zone']).toBeUndefined();
      expect(body.node.labels['berth-test.disk']).toBe('ssd');
      expect((await rawNode(ids[1])).Spec.Labels).toMatchObject({ 'berth-test.disk': 'ssd' });
    } finally {
      await restore(ids[1], 'worker');
    }
  });

  it('shows join tokens only to admins, with the join command; rotation changes the token', async () => {
    for (const t of [viewerToken, operatorToken]) {
      expect((await getTokens(t)).status).toBe(403);
      expect((await rotate('worker', t)).status).toBe(403);
    }
    const res = await getTokens();
    expect(res.status).toBe(200);
    const before: SwarmTokens = (await res.json()).tokens;
    expect(before.managerAddrs).toEqual([`${sw.nodeAddrs[0]}:2377`]);
    expect(before.worker.token).toMatch(/^SWMTKN-1-/);
    expect(before.worker.command).toBe(`docker swarm join --token ${before.worker.token} ${sw.nodeAddrs[0]}:2377`);
    expect(before.manager.token).not.toBe(before.worker.token);
    // The CLI sees the same tokens.
    expect(await docker(sw.managerSocket, 'swarm', 'join-token', '-q', 'worker')).toBe(before.worker.token);
    // The environment view never carries them.
    expect(JSON.stringify(await environment(manager))).not.toContain('SWMTKN');

    const rotated = await rotate('worker');
    expect(rotated.status).toBe(200);
    const after: SwarmTokens = (await rotated.json()).tokens;
    expect(after.worker.token).not.toBe(before.worker.token);
    expect(after.manager.token).toBe(before.manager.token);
    expect(await docker(sw.managerSocket, 'swarm', 'join-token', '-q', 'worker')).toBe(after.worker.token);
    // The audit entry of the rotation names the role, never a token.
    const entries = await berth.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(entries)).not.toContain('SWMTKN');
    expect((await rotate('everyone')).status).toBe(400);
  });

  it('refuses bad input with clear messages, changing nothing', async () => {
    // The last manager can be neither demoted nor removed.
    let res = await patch(ids[0], { role: 'worker' });
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(
      "Node swarm-node1 is the swarm's last manager: demoting it would leave the swarm with no manager, and nothing in it could be scheduled or changed. Promote another node to manager first.",
    );
    res = await remove(ids[0]);
    expect(res.status).toBe(409);
    expect(await message(res)).toContain("is the swarm's last manager: removing it would leave the swarm with no manager");
    // A node that is up cannot be removed.
    res = await remove(ids[2]);
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(
      'Node swarm-node3 is up (status ready): drain it and run "docker swarm leave" on that node first, or it must be down, before it can be removed',
    );
    // Label keys placement constraints could not name, or in Docker's own namespace.
    res = await patch(ids[1], { labels: { 'bad key': 'x' } });
    expect(res.status).toBe(400);
    expect(await message(res)).toContain('label key "bad key" may use only letters, digits, dots, dashes and underscores');
    res = await patch(ids[1], { labels: { 'com.docker.thing': 'x' } });
    expect(await message(res)).toContain('uses the prefix com.docker., which Docker keeps for itself');
    res = await patch(ids[1], { availability: 'asleep' });
    expect(await message(res)).toContain('availability must be active, pause or drain');
    res = await patch(ids[1], {});
    expect(await message(res)).toContain('Nothing to change');
    // An unknown node.
    res = await patch('nosuchnode0000000000000000', { availability: 'drain' });
    expect(res.status).toBe(404);
    expect(await message(res)).toContain('No node "nosuchnode0000000000000000" in the swarm of host swarm-manager');
    // Node changes are admin-only.
    expect((await patch(ids[1], { availability: 'drain' }, operatorToken)).status).toBe(403);
    const all = await list();
    expect(all.map((n) => [n.role, n.availability, Object.keys(n.labels).filter((k) => k.startsWith('berth-test'))])).toEqual([
      ['manager', 'active', []],
      ['worker', 'active', []],
      ['worker', 'active', []],
    ]);
  });
});
