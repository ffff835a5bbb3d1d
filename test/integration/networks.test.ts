import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/hosts/[id]/networks/route';
import * as one from '@/app/api/v1/hosts/[id]/networks/[nid]/route';
import * as connect from '@/app/api/v1/hosts/[id]/networks/[nid]/connect/route';
import * as disconnect from '@/app/api/v1/hosts/[id]/networks/[nid]/disconnect/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import type { NetworkSummary } from '@/lib/types';
import { docker, engineUnderTest, freshBerth, harness, params, read, req, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let hostA: string;
let hostB: string;
const containers: string[] = [];
const networks: { socket: string; name: string }[] = [];

const base = (host: string) => `/api/v1/hosts/${host}/networks`;

async function listNetworks(host = hostA): Promise<NetworkSummary[]> {
  const res = await list.GET(req(base(host)), params({ id: host }));
  expect(res.status).toBe(200);
  return (await res.json()).networks;
}
const create = (json: Record<string, unknown>, host = hostA) => {
  if (typeof json.name === 'string') networks.push({ socket: host === hostA ? ENGINE : h.DOCKER_B_SOCKET, name: json.name });
  return list.POST(req(base(host), { method: 'POST', json }), params({ id: host }));
};
const remove = (nid: string, host = hostA) => one.DELETE(req(`${base(host)}/${nid}`, { method: 'DELETE' }), params({ id: host, nid }));
const post = (route: typeof connect | typeof disconnect, nid: string, json: unknown) =>
  route.POST(req(`${base(hostA)}/${nid}/${route === connect ? 'connect' : 'disconnect'}`, { method: 'POST', json }), params({ id: hostA, nid }));
const cliNetworks = async (socket = ENGINE) => (await docker(socket, 'network', 'ls', '--format', '{{.Name}}')).split('\n');
const message = async (res: Response) => (await res.json()).error.message as string;
/** A /24 inside daemon A's harness range that nobody else picks by default (the pool hands out from the bottom). */
const subnet = () => `10.232.${200 + Math.floor(Math.random() * 50)}.0/24`;

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  hostA = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  hostB = (
    await createHost(berth, {
      kind: 'tcp',
      name: 'b',
      host: h.DOCKER_B_TCP_HOST,
      port: Number(h.DOCKER_B_TCP_PORT),
      ca: read(h.TLS_CA),
      cert: read(h.TLS_CLIENT_CERT),
      key: read(h.TLS_CLIENT_KEY),
    })
  ).id;
});
afterAll(async () => {
  for (const c of containers) await docker(ENGINE, 'rm', '-f', c).catch(() => undefined);
  for (const n of networks) await docker(n.socket, 'network', 'rm', n.name).catch(() => undefined);
  await berth.close();
});

describe('networks on real daemons', () => {
  it('creates a bridge network with subnet, gateway and flags; the docker CLI sees the same', async () => {
    const name = uniqueName('net');
    const cidr = subnet();
    const gateway = cidr.replace('.0/24', '.1');
    const res = await create({ name, subnet: cidr, gateway, internal: true, attachable: true, labels: { team: 'ops' } });
    expect(res.status).toBe(201);
    const { network } = await res.json();
    expect(network).toMatchObject({
      name,
      driver: 'bridge',
      scope: 'local',
      internal: true,
      attachable: true,
      predefined: false,
      ipam: [{ subnet: cidr, gateway }],
      labels: { team: 'ops' },
      containers: [],
    });
    const cli = await docker(
      ENGINE,
      'network',
      'inspect',
      '-f',
      '{{.Driver}} {{.Internal}} {{.Attachable}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}',
      name,
    );
    expect(cli).toBe(`bridge true true ${cidr} ${gateway}`);
    expect((await listNetworks()).find((n) => n.name === name)).toMatchObject({ id: network.id, ipam: [{ subnet: cidr, gateway }] });

    const dup = await create({ name });
    expect(dup.status).toBe(409);
    expect(await message(dup)).toBe(`A network named ${name} already exists on this host (driver bridge): choose another name`);
    const overlap = await create({ name: uniqueName('net-overlap'), subnet: cidr });
    expect(overlap.status).toBe(409);
    expect(await message(overlap)).toMatch(/overlaps/);

    expect((await remove(name)).status).toBe(200);
    expect(await cliNetworks()).not.toContain(name);
  });

  it('refuses an invalid subnet or gateway with a message naming the field, and creates nothing', async () => {
    const name = uniqueName('net-bad');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name, subnet: '10.232.300.0/24' }, /^subnet: "10.232.300.0\/24" is not a subnet: write it in CIDR form/],
      [{ name, subnet: '10.232.7.9/24' }, /^subnet: 10.232.7.9\/24 has host bits set: did you mean 10.232.7.0\/24\?/],
      [{ name, subnet: '10.232.7.0/24', gateway: '10.232.8.1' }, /^gateway: 10.232.8.1 is outside the subnet 10.232.7.0\/24/],
      [{ name, gateway: '10.232.8.1' }, /^gateway: A gateway needs a subnet/],
      [{ name, driver: 'weave' }, /^driver: Driver must be one of bridge, macvlan, overlay/],
      [{ name: 'host' }, /^name: bridge, host and none are the Engine's predefined networks/],
    ];
    for (const [json, expected] of cases) {
      const res = await create(json);
      expect(res.status).toBe(400);
      expect(await message(res)).toMatch(expected);
    }
    expect(await cliNetworks()).not.toContain(name);
  });

  it('connects and disconnects a container with aliases; refuses to remove a network with containers attached', async () => {
    const name = uniqueName('net-conn');
    const cidr = subnet();
    const { network } = await (await create({ name, subnet: cidr })).json();
    const user = uniqueName('net-user');
    await docker(ENGINE, 'run', '-d', '--name', user, h.TEST_IMAGE, 'sleep', '300');
    containers.push(user);

    const ok = await post(connect, name, { container: user, aliases: ['db', 'primary'] });
    expect(ok.status).toBe(200);
    expect((await ok.json()).message).toBe(`Connected container ${user} to network ${name} with aliases db, primary`);
    const aliases = JSON.parse(await docker(ENGINE, 'inspect', '-f', `{{json (index .NetworkSettings.Networks "${name}").Aliases}}`, user));
    expect(aliases).toEqual(expect.arrayContaining(['db', 'primary']));
    const again = await post(connect, network.id, { container: user });
    expect(again.status).toBe(409);
    expect(await message(again)).toBe(`Container ${user} is already connected to network ${name}`);

    const row = (await listNetworks()).find((n) => n.name === name)!;
    expect(row.containers).toEqual([
      expect.objectContaining({ name: user, state: 'running', ipAddress: expect.stringMatching(new RegExp(`^${cidr.split('.').slice(0, 3).join('\\.')}\\.`)) }),
    ]);

    const refused = await remove(name);
    expect(refused.status).toBe(409);
    expect(await message(refused)).toBe(`Network ${name} has container ${user} (running) attached: disconnect it (or remove it) first`);
    expect(await cliNetworks()).toContain(name);

    // Stopped containers keep their attachment, and still block removal.
    await docker(ENGINE, 'stop', '-t', '0', user);
    expect(await message(await remove(name))).toMatch(new RegExp(`has container ${user} \\(exited\\) attached`));

    const off = await post(disconnect, name, { container: user });
    expect(off.status).toBe(200);
    expect((await off.json()).message).toBe(`Disconnected container ${user} from network ${name}`);
    expect(await docker(ENGINE, 'inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', user)).not.toContain(name);
    expect(await message(await post(disconnect, name, { container: user }))).toBe(`Container ${user} is not connected to network ${name}`);

    const missing = await post(connect, name, { container: 'no-such-container-404' });
    expect(missing.status).toBe(404);
    expect(await message(missing)).toMatch(/No container "no-such-container-404"/);
    expect((await post(connect, name, { container: user, aliases: ['bad alias'] })).status).toBe(400);

    expect((await remove(name)).status).toBe(200);
    expect(await cliNetworks()).not.toContain(name);
  });

  it('refuses to remove the predefined networks', async () => {
    for (const name of ['bridge', 'host', 'none']) {
      const res = await remove(name);
      expect(res.status).toBe(409);
      expect(await message(res)).toBe(`Network ${name} is one of the Engine's predefined networks (bridge, host, none) and cannot be removed`);
    }
    expect(await cliNetworks()).toEqual(expect.arrayContaining(['bridge', 'host', 'none']));
    const rows = await listNetworks();
    expect(
      rows
        .filter((n) => n.predefined)
        .map((n) => n.name)
        .sort(),
    ).toEqual(['bridge', 'host', 'none']);
  });

  it('answers 404 for a network that does not exist', async () => {
    for (const res of [
      await remove('no-such-network-404'),
      await one.GET(req(`${base(hostA)}/no-such-network-404`), params({ id: hostA, nid: 'no-such-network-404' })),
      await post(connect, 'no-such-network-404', { container: 'x1' }),
    ]) {
      expect(res.status).toBe(404);
      expect(await message(res)).toBe('No network "no-such-network-404" on this host: it may have been removed');
    }
  });

  it('refuses an overlay network on a host that is not a swarm manager', async () => {
    const swarm = await docker(ENGINE, 'info', '-f', '{{.Swarm.LocalNodeState}}');
    if (swarm !== 'inactive') return; // another suite made A a swarm node; the refusal cannot be shown here
    const name = uniqueName('net-overlay');
    const res = await create({ name, driver: 'overlay', attachable: true });
    expect(res.status).toBe(409);
    expect(await message(res)).toMatch(/^Overlay networks need swarm mode/);
    expect(await cliNetworks()).not.toContain(name);
  });

  it('works on daemon B (no default bridge): lists host and none, creates and removes a user-defined bridge', async () => {
    const before = await listNetworks(hostB);
    expect(before.map((n) => n.name)).toEqual(expect.arrayContaining(['host', 'none']));
    expect(before.map((n) => n.name)).not.toContain('bridge');
    const name = uniqueName('net-b');
    const res = await create({ name }, hostB);
    expect(res.status).toBe(201);
    const { network } = await res.json();
    expect(network.ipam[0].subnet).toMatch(/^10\.233\./);
    expect(await cliNetworks(h.DOCKER_B_SOCKET)).toContain(name);
    expect((await remove(network.id, hostB)).status).toBe(200);
    expect(await cliNetworks(h.DOCKER_B_SOCKET)).not.toContain(name);
  });
});
