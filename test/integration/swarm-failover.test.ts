import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as env from '@/app/api/v1/hosts/[id]/swarm/route';
import * as nodes from '@/app/api/v1/hosts/[id]/swarm/nodes/route';
import * as node from '@/app/api/v1/hosts/[id]/swarm/nodes/[nid]/route';
import type { SwarmEnvironment, SwarmNode } from '@/lib/swarm-types';
import type { Berth } from '@/server/context';
import { params, req, waitFor } from './support';
import { berthOnSwarm, createTestService, nodeIds, removeServices, waitForTasks } from './swarm-support';

/**
 * Failover on the harness's three-node swarm (issue #14): a worker's dockerd stops, and two managers. Both change the
 * swarm every other Swarm suite stands on, so each undoes itself whatever happens: the stopped node is started again
 * (swarm.sh start-node waits until it is Ready) and the promoted worker is demoted, in finally and again in afterAll.
 */
const run = promisify(execFile);
const SWARM_SH = path.resolve(__dirname, '../../scripts/harness/swarm.sh');
const svc = `failover-${randomBytes(3).toString('hex')}`;

let berth: Berth;
let manager: string;
let engine: Docker;
/** node ids as SWARM_NODE_ADDRS orders them: the manager, worker 1 (node 2), worker 2 (node 3) */
let ids: [string, string, string];

const swarmSh = (...args: string[]) => run('bash', [SWARM_SH, ...args], { timeout: 120_000 });
const list = async (): Promise<SwarmNode[]> => {
  const res = await nodes.GET(req(`/api/v1/hosts/${manager}/swarm/nodes`), params({ id: manager }));
  expect(res.status).toBe(200);
  return (await res.json()).nodes;
};
const environment = async (): Promise<Extract<SwarmEnvironment, { state: 'manager' }>> => {
  const res = await env.GET(req(`/api/v1/hosts/${manager}/swarm`), params({ id: manager }));
  expect(res.status).toBe(200);
  const s = (await res.json()).swarm as SwarmEnvironment;
  if (s.state !== 'manager') throw new Error(`expected a manager, got ${s.state}`);
  return s;
};
const setRole = (nid: string, role: 'manager' | 'worker') =>
  node.PATCH(req(`/api/v1/hosts/${manager}/swarm/nodes/${nid}`, { method: 'PATCH', json: { role } }), params({ id: manager, nid }));

/** Node 2 back to a worker, whatever state a failed test left it in (a demotion can race the raft change: retried). */
async function demoteNode2() {
  await waitFor(
    'node 2 to be a worker again',
    async () => {
      const n = (await engine.getNode(ids[1]).inspect()) as { Spec: { Role: string } };
      if (n.Spec.Role === 'worker') return true;
      await setRole(ids[1], 'worker');
      return false;
    },
    60_000,
  );
}

beforeAll(async () => {
  const suite = await berthOnSwarm();
  ({ berth, manager, engine } = suite);
  ids = await nodeIds(engine, suite.sw);
});

afterAll(async () => {
  // Nothing to undo when beforeAll failed (no swarm in the harness).
  if (!engine) return;
  await swarmSh('start-node', '3').catch((e) => console.error('swarm-failover: could not start node 3 again', e));
  await demoteNode2().catch((e) => console.error('swarm-failover: could not demote node 2', e));
  await removeServices(engine, { name: svc });
  await berth?.close();
}, 180_000);

describe('swarm failover', () => {
  it("stopping a worker's dockerd reschedules its tasks and shows the node down", async () => {
    await createTestService(engine, {
      name: svc,
      label: 'swarm-failover',
      replicas: 3,
      // one task per node while all three are up
      placement: { Preferences: [{ Spread: { SpreadDescriptor: 'node.id' } }] },
    });
    const before = await waitForTasks(engine, svc, '3 running tasks, one per node', (t) => t.length === 3 && new Set(t.map((x) => x.NodeID)).size === 3);
    expect(before.some((t) => t.NodeID === ids[2])).toBe(true);
    expect((await list()).find((n) => n.id === ids[2])?.status).toBe('ready');

    try {
      await swarmSh('stop-node', '3');
      // Berth's node list says so within the swarm's heartbeat (2 s on the harness; a stop is reported at once)
      const down = await waitFor('node 3 down in Berth', async () => (await list()).find((n) => n.id === ids[2] && n.status === 'down'), 20_000);
      expect(down).toMatchObject({ hostname: 'swarm-node3', role: 'worker', availability: 'active' });
      // Its task runs again on a live node: 3 running, none on node 3.
      const after = await waitForTasks(engine, svc, 'the task of node 3 to run elsewhere', (t) => t.length === 3 && t.every((x) => x.NodeID !== ids[2]));
      expect(new Set(after.map((t) => t.NodeID))).toEqual(new Set([ids[0], ids[1]]));
    } finally {
      await swarmSh('start-node', '3');
    }
    expect((await list()).find((n) => n.id === ids[2])?.status).toBe('ready');
  }, 180_000);

  it('warns about an even number of managers when a worker is promoted (two managers)', async () => {
    try {
      const res = await setRole(ids[1], 'manager');
      expect(res.status, await res.clone().text()).toBe(200);
      const s = await waitFor(
        'two reachable managers',
        async () => {
          const e = await environment();
          return e.quorum.managers === 2 && e.quorum.reachable === 2 && e;
        },
        30_000,
      );
      expect(s.quorum).toMatchObject({ managers: 2, reachable: 2, needed: 2, tolerates: 0 });
      expect(s.quorum.warnings).toEqual([
        {
          kind: 'even',
          message:
            'An even number of managers adds no fault tolerance: 2 managers tolerate the loss of 0, as many as 1 would. Promote a worker to make 3, or demote one to make 1.',
        },
      ]);
    } finally {
      await demoteNode2();
    }
    const s = await waitFor(
      'one manager again',
      async () => {
        const e = await environment();
        return e.quorum.managers === 1 && e;
      },
      30_000,
    );
    expect(s.quorum.warnings).toEqual([]);
  }, 120_000);
});
