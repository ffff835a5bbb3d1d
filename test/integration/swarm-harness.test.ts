import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, harness, swarmHarness } from '../harness';
import { waitFor } from './support';
import { createTestService, removeServices, waitForTasks } from './swarm-support';

/**
 * The three-node swarm of the harness (scripts/harness/swarm.sh) is what the Swarm tests of issue #14 stand on:
 * this proves it is formed as they expect, and that the way they publish ports works here. The kernel has no IPVS,
 * so the ingress routing mesh and VIPs cannot work: host-mode ports and endpoint_mode dnsrr are what the tests use.
 * Without a swarm in the harness (BERTH_HARNESS_SWARM=0) it fails, saying how to start one.
 */
const name = `berth-swarm-smoke-${randomBytes(3).toString('hex')}`;
// A port no other test picks (host-mode ports are per node: a collision would leave a task pending).
const port = 30000 + Math.floor(Math.random() * 10000);

describe('the harness swarm', () => {
  let manager: Docker;
  let workers: Docker[];
  let nodeAddrs: string[];

  beforeAll(() => {
    const s = swarmHarness();
    manager = new Docker({ socketPath: s.managerSocket });
    workers = s.workerSockets.map((socketPath) => new Docker({ socketPath }));
    nodeAddrs = s.nodeAddrs;
  });

  afterAll(async () => {
    if (!manager) return;
    await removeServices(manager, { name });
    // The tasks' containers go with a 1 s stop grace period; wait for them so the next suite starts clean.
    await waitFor(
      'the smoke service containers to go',
      async () => {
        for (const d of [manager, ...workers]) {
          if ((await d.listContainers({ all: true, filters: { label: [`com.docker.swarm.service.name=${name}`] } })).length) return false;
        }
        return true;
      },
      20_000,
    );
  });

  it('has three nodes: one manager (the leader) and two workers, all Ready and Active, at the harness addresses', async () => {
    const nodes = await manager.listNodes();
    expect(nodes).toHaveLength(3);
    const managers = nodes.filter((n) => n.Spec?.Role === 'manager');
    expect(managers).toHaveLength(1);
    expect(managers[0].ManagerStatus?.Leader).toBe(true);
    expect(nodes.filter((n) => n.Spec?.Role === 'worker')).toHaveLength(2);
    for (const n of nodes) {
      expect(n.Status?.State, n.Description?.Hostname).toBe('ready');
      expect(n.Spec?.Availability, n.Description?.Hostname).toBe('active');
    }
    expect(nodes.map((n) => n.Status?.Addr).sort()).toEqual([...nodeAddrs].sort());
    expect(managers[0].Status?.Addr).toBe(nodeAddrs[0]);
    // Distinct hostnames (one UTS namespace per node), as Berth's node list will show them.
    expect(new Set(nodes.map((n) => n.Description?.Hostname)).size).toBe(3);
    for (const w of workers) {
      const info = await w.info();
      expect(info.Swarm.LocalNodeState).toBe('active');
      expect(info.Swarm.ControlAvailable).toBe(false);
    }
    // The test image is on every node (nothing can be pulled here).
    for (const d of [manager, ...workers]) await d.getImage(harness().TEST_IMAGE).inspect();
  });

  it('runs a global service with a host-mode port and dnsrr endpoints: one task per node, each answering on its node address', async () => {
    const nodes = await manager.listNodes();
    const hostnameAt = new Map(nodes.map((n) => [n.Status?.Addr, n.Description?.Hostname]));
    await createTestService(manager, {
      name,
      label: 'swarm-harness',
      replicas: 'global',
      // Each task is named after its node, and serves its /etc/hostname: the answer says which task replied.
      hostname: '{{.Node.Hostname}}',
      command: ['httpd', '-f', '-p', '8080', '-h', '/etc'],
      hostPorts: [{ published: port, target: 8080 }],
    });

    const tasks = await waitForTasks(manager, name, 'one running task per node', (t) => t.length === 3, 30_000);
    expect(new Set(tasks.map((t) => t.NodeID)).size).toBe(3);

    for (const addr of nodeAddrs) {
      const body = await waitFor(
        `http://${addr}:${port}/hostname`,
        async () => {
          const res = await fetch(`http://${addr}:${port}/hostname`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
          return res?.ok && (await res.text()).trim();
        },
        15_000,
      );
      expect(body).toBe(hostnameAt.get(addr));
    }

    // What the CLI shows for it, as users will compare Berth's view with.
    const ps = await docker(swarmHarness().managerSocket, 'service', 'ps', name, '--format', '{{.Node}} {{.CurrentState}}');
    expect(ps.split('\n')).toHaveLength(3);
  });
});
