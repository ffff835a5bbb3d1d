import Docker from 'dockerode';
import { expect } from 'vitest';
import * as hosts from '@/app/api/v1/hosts/route';
import { type Berth, installBerth } from '@/server/context';
import { type SwarmEnv, swarmHarness } from '../harness';
import { freshBerth, harness, params, req, waitFor } from './support';

/**
 * What every Swarm suite stands on: a fresh Berth with the harness swarm's manager registered as a host, and the
 * manager's Engine for checking what Berth did. Other suites use the same swarm at the same time, so whatever a suite
 * makes carries its own name prefix or label and is removed in its afterAll (removeServices).
 */
export interface SwarmSuite {
  berth: Berth;
  /** Berth's host id of the manager */
  manager: string;
  engine: Docker;
  sw: SwarmEnv;
}

/**
 * Starts a Berth and registers the manager as `hostName`. Without a swarm in the harness this throws swarmHarness()'s
 * message (started with BERTH_HARNESS_SWARM=0, and how to start it), so the suite fails instead of passing on nothing.
 */
export async function berthOnSwarm(hostName = 'swarm-manager'): Promise<SwarmSuite> {
  const sw = swarmHarness();
  const engine = new Docker({ socketPath: sw.managerSocket });
  const berth = await freshBerth('sqlite');
  installBerth(berth);
  const manager = await registerSocketHost(hostName, sw.managerSocket);
  return { berth, manager, engine, sw };
}

/** Registers a daemon's socket as a host through the API, as an admin; its host id. */
export async function registerSocketHost(name: string, socketPath: string): Promise<string> {
  const res = await hosts.POST(req('/api/v1/hosts', { method: 'POST', json: { kind: 'socket', name, socketPath } }), params({}));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).host.id as string;
}

/** The swarm's node ids in SWARM_NODE_ADDRS order: the manager, worker 1 (node 2), worker 2 (node 3). */
export async function nodeIds(engine: Docker, sw: SwarmEnv): Promise<[string, string, string]> {
  const raw = (await engine.listNodes()) as { ID: string; Status: { Addr: string } }[];
  return sw.nodeAddrs.map((a) => raw.find((n) => n.Status.Addr === a)!.ID) as [string, string, string];
}

/** A test service: the harness image, `sleep 3600` unless told, a 1 s stop grace period and dnsrr endpoints (no IPVS here). */
export interface TestService {
  name: string;
  /** the value of its io.berth.test label, which suites clean up by */
  label?: string;
  command?: string[];
  /** replicated with this many tasks (1 unless told), or global */
  replicas?: number | 'global';
  /** the tasks' hostname, e.g. '{{.Node.Hostname}}' */
  hostname?: string;
  placement?: { Constraints?: string[]; Preferences?: { Spread: { SpreadDescriptor: string } }[] };
  restart?: { Condition: 'none' | 'on-failure' | 'any'; Delay?: number };
  update?: { Parallelism?: number; Order?: 'stop-first' | 'start-first' };
  /** host-mode published ports (the only kind that answers without IPVS) */
  hostPorts?: { published: number; target: number }[];
}

/** Creates the service straight on the manager's Engine (not through Berth); its id. */
export async function createTestService(engine: Docker, s: TestService): Promise<string> {
  const created = await engine.createService({
    Name: s.name,
    Labels: s.label ? { 'io.berth.test': s.label } : {},
    TaskTemplate: {
      ContainerSpec: {
        Image: harness().TEST_IMAGE,
        ...(s.hostname ? { Hostname: s.hostname } : {}),
        Command: s.command ?? ['sleep', '3600'],
        StopGracePeriod: 1_000_000_000,
      },
      ...(s.placement ? { Placement: s.placement } : {}),
      ...(s.restart ? { RestartPolicy: s.restart } : {}),
    },
    Mode: s.replicas === 'global' ? { Global: {} } : { Replicated: { Replicas: s.replicas ?? 1 } },
    ...(s.update ? { UpdateConfig: s.update } : {}),
    EndpointSpec: {
      Mode: 'dnsrr',
      ...(s.hostPorts ? { Ports: s.hostPorts.map((p) => ({ Protocol: 'tcp', TargetPort: p.target, PublishedPort: p.published, PublishMode: 'host' })) } : {}),
    },
  } as object);
  return (created as unknown as { id: string }).id;
}

export interface RawTask {
  ID: string;
  NodeID: string;
  Status: { State: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
  Spec: { ContainerSpec?: { Secrets?: { SecretName?: string }[]; Configs?: { ConfigName?: string }[] } };
}

/** The service's tasks that are meant to run and do, as the Engine lists them. */
export async function runningTasks(engine: Docker, service: string): Promise<RawTask[]> {
  const tasks = (await engine.listTasks({ filters: { service: [service], 'desired-state': ['running'] } })) as RawTask[];
  return tasks.filter((t) => t.Status.State === 'running');
}

/** Waits until `enough` says yes to the service's running tasks; those tasks. */
export const waitForTasks = (engine: Docker, service: string, what: string, enough: (t: RawTask[]) => boolean, ms = 60_000) =>
  waitFor(
    what,
    async () => {
      const t = await runningTasks(engine, service);
      return enough(t) && t;
    },
    ms,
  );

/**
 * Removes the suite's services: those whose name starts with `name`, or that carry the io.berth.test label `label`.
 * With `settle`, waits (at most 30 s) until their tasks are gone, so the secrets, configs and ports they held are free.
 * Errors are swallowed: this runs in afterAll, where the test's own failure is the one to report.
 */
export async function removeServices(engine: Docker, by: { name: string } | { label: string }, settle = false): Promise<void> {
  const filters = 'name' in by ? { name: [by.name] } : { label: [`io.berth.test=${by.label}`] };
  const mine = (await engine.listServices({ filters } as object).catch(() => [])) as { ID: string }[];
  for (const s of mine)
    await engine
      .getService(s.ID)
      .remove()
      .catch(() => undefined);
  if (!settle || !mine.length) return;
  await waitFor(
    'the removed services’ tasks to go',
    async () => {
      for (const s of mine) if ((await engine.listTasks({ filters: { service: [s.ID] } }).catch(() => [])).length) return false;
      return true;
    },
    30_000,
  ).catch(() => undefined);
}
