import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as envRoute from '@/app/api/v1/hosts/[id]/swarm/route';
import * as nodesRoute from '@/app/api/v1/hosts/[id]/swarm/nodes/route';
import * as servicesRoute from '@/app/api/v1/hosts/[id]/swarm/services/route';
import * as stacksRoute from '@/app/api/v1/hosts/[id]/swarm/stacks/route';
import { identify } from '@/server/auth/policy';
import type { Berth } from '@/server/context';
import { swarmFirstScreen } from '@/server/swarm/first-screen';
import { harness, params, req, signUp } from './support';
import { berthOnSwarm, createTestService, registerSocketHost, removeServices } from './swarm-support';

/**
 * The Swarm page's first screen (server/swarm/first-screen.ts), read on the server for the page's HTML: it must be
 * exactly what the page's API calls answer, and only for someone those calls would answer.
 */

const LABEL = `first-screen-${process.pid}`;
let berth: Berth;
let manager: string;
let plain: string;
let engine: Docker;

const api = async <T>(handler: (r: Request, p: { params: Promise<{ id: string }> }) => Promise<Response>, path: string, id: string): Promise<T> => {
  const res = await handler(req(path), params({ id }));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const principal = (token?: string) => identify(req('/', { token }));

beforeAll(async () => {
  ({ berth, manager, engine } = await berthOnSwarm('swarm-first-screen'));
  plain = await registerSocketHost('first-screen-plain', harness().DOCKER_A_SOCKET);
  for (let i = 0; i < 3; i++) await createTestService(engine, { name: `fs${process.pid}-${i}`, label: LABEL, replicas: 1 });
});

afterAll(async () => {
  await removeServices(engine, { label: LABEL }).catch(() => undefined);
  await berth?.close();
});

describe("the Swarm page's first screen", () => {
  it('is what the API answers: the environment, nodes, stacks, and the first rows of the services with their count', async () => {
    const first = await swarmFirstScreen(berth, await principal(), manager);
    const services = (await api<{ services: unknown[] }>(servicesRoute.GET, `/api/v1/hosts/${manager}/swarm/services`, manager)).services;
    expect(first).toMatchObject({ hostName: 'swarm-first-screen', role: 'admin' });
    expect(first?.env).toEqual((await api<{ swarm: unknown }>(envRoute.GET, `/api/v1/hosts/${manager}/swarm`, manager)).swarm);
    expect(first?.nodes).toEqual((await api<{ nodes: unknown }>(nodesRoute.GET, `/api/v1/hosts/${manager}/swarm/nodes`, manager)).nodes);
    expect(first?.stacks).toEqual((await api<{ stacks: unknown }>(stacksRoute.GET, `/api/v1/hosts/${manager}/swarm/stacks`, manager)).stacks);
    // other suites make services on the same swarm meanwhile: the count and the rows are checked for ours
    expect(first?.services?.total).toBeGreaterThanOrEqual(3);
    expect(first?.services?.rows.length).toBe(Math.min(10, first!.services!.total));
    const ours = (list: { name: string }[]) => list.filter((s) => s.name.startsWith(`fs${process.pid}-`)).map((s) => s.name);
    expect(ours(first!.services!.rows)).toEqual(ours(services as { name: string }[]).slice(0, ours(first!.services!.rows).length));
  });

  it('is given to a viewer of the host with its role, and to no one without a role there', async () => {
    const viewer = await signUp(berth, 'fs-viewer', 'viewer', manager);
    expect(await swarmFirstScreen(berth, await principal(viewer), manager)).toMatchObject({ role: 'viewer', env: { state: 'manager' } });
    const elsewhere = await signUp(berth, 'fs-elsewhere', 'admin', plain);
    expect(await swarmFirstScreen(berth, await principal(elsewhere), manager)).toBeUndefined();
  });

  it('for a host that is not a manager, is its environment alone (the page says what the host is)', async () => {
    const first = await swarmFirstScreen(berth, await principal(), plain);
    expect(first?.env.state).toBe('none');
    expect(first).not.toHaveProperty('nodes');
    expect(first).not.toHaveProperty('services');
    expect(await swarmFirstScreen(berth, await principal(), 'no-such-host')).toBeUndefined();
  });
});
