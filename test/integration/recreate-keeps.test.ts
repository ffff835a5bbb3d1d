import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as launchRoute from '@/app/api/v1/hosts/[id]/containers/route';
import * as inputRoute from '@/app/api/v1/hosts/[id]/containers/[cid]/launch-input/route';
import * as recreateRoute from '@/app/api/v1/hosts/[id]/containers/[cid]/recreate/route';
import type { Launch } from '@/lib/schemas/launch';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, params, req, signUp, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/**
 * Containers made elsewhere (here: straight through the Engine API, as the CLI or compose would) keep every setting the
 * launch form does not show when they are recreated or duplicated through Berth.
 */
const h = harness();
const engine = new Docker({ socketPath: ENGINE });
let berth: Berth;
let host: string;
const names: string[] = [];
const net = uniqueName('rk-net');
// A private /24 of its own, so the static address cannot collide with other tests' networks.
const subnet = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 250)}`;
const MAC = '02:42:0a:de:ad:01';
/** Stops at once on SIGINT (the stop signal set below) as well as on SIGTERM. */
const SLEEP = ['sh', '-c', 'trap "exit 0" TERM INT; sleep 300 & wait'];

const name = (prefix: string) => {
  const n = uniqueName(prefix);
  names.push(n);
  return n;
};
const launchInput = async (cid: string, mode: 'duplicate' | 'recreate', token?: string): Promise<Launch> => {
  const res = await inputRoute.GET(req(`/api/v1/hosts/${host}/containers/${cid}/launch-input?mode=${mode}`, { token }), params({ id: host, cid }));
  expect(res.status).toBe(200);
  return (await res.json()).launch;
};
const recreate = (cid: string, json: unknown, token?: string) =>
  recreateRoute.POST(req(`/api/v1/hosts/${host}/containers/${cid}/recreate`, { method: 'POST', json, token }), params({ id: host, cid }));
const inspect = (n: string) => engine.getContainer(n).inspect();
const withEnv = (l: Launch, v: string): Launch => ({ ...l, env: l.env.map((e) => (e.key === 'V' ? { key: 'V', value: v } : e)) });

/** A container with many settings beyond the form's basics, created directly through the Engine API. */
async function createElsewhere(n: string, ip: string): Promise<void> {
  const c = await engine.createContainer({
    name: n,
    Image: h.TEST_IMAGE,
    Cmd: SLEEP,
    Env: ['V=1'],
    Domainname: 'example.org',
    MacAddress: MAC,
    StopSignal: 'SIGINT',
    StopTimeout: 5,
    HostConfig: {
      NetworkMode: net,
      Tmpfs: { '/run': 'size=1m' },
      Dns: ['10.0.0.53'],
      DnsSearch: ['corp.example'],
      ExtraHosts: ['db.local:10.1.2.3'],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
      Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
      Sysctls: { 'net.ipv4.ip_forward': '1' },
      Init: true,
      ReadonlyRootfs: true,
      CapDrop: ['NET_RAW'],
      ShmSize: 128 * 1024 * 1024,
      GroupAdd: ['1234'],
      SecurityOpt: ['no-new-privileges:true'],
      MemoryReservation: 32 * 1024 * 1024,
      CpuShares: 512,
      OomScoreAdj: 100,
    },
    NetworkingConfig: { EndpointsConfig: { [net]: { IPAMConfig: { IPv4Address: ip } } } },
  } as Docker.ContainerCreateOptions);
  await c.start();
}

/** Every carried setting is on `info`; `unique` also checks what duplicate must not copy. */
function expectKept(info: Docker.ContainerInspectInfo, ip: string, unique: boolean): void {
  const hc = info.HostConfig as Docker.HostConfig;
  expect(hc.Tmpfs).toEqual({ '/run': 'size=1m' });
  expect(hc.Dns).toEqual(['10.0.0.53']);
  expect(hc.DnsSearch).toEqual(['corp.example']);
  expect(hc.ExtraHosts).toEqual(['db.local:10.1.2.3']);
  expect(hc.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } });
  expect(hc.Ulimits).toEqual([{ Name: 'nofile', Soft: 1024, Hard: 2048 }]);
  expect(hc.Sysctls).toEqual({ 'net.ipv4.ip_forward': '1' });
  expect(hc.Init).toBe(true);
  expect(hc.ReadonlyRootfs).toBe(true);
  expect(hc.CapDrop).toEqual(['NET_RAW']);
  expect(hc.ShmSize).toBe(128 * 1024 * 1024);
  expect(hc.GroupAdd).toEqual(['1234']);
  expect(hc.SecurityOpt).toEqual(['no-new-privileges:true']);
  expect(hc.MemoryReservation).toBe(32 * 1024 * 1024);
  expect(hc.CpuShares).toBe(512);
  expect(hc.OomScoreAdj).toBe(100);
  expect(hc.NetworkMode).toBe(net);
  expect(info.Config).toMatchObject({ Domainname: 'example.org', StopSignal: 'SIGINT', StopTimeout: 5 });
  const ep = info.NetworkSettings.Networks[net];
  if (unique) {
    expect((info.Config as { MacAddress?: string }).MacAddress).toBe(MAC);
    expect(ep.IPAMConfig?.IPv4Address).toBe(ip);
    expect(ep.IPAddress).toBe(ip);
  } else {
    expect((info.Config as { MacAddress?: string }).MacAddress ?? '').toBe('');
    expect(ep.IPAMConfig?.IPv4Address ?? '').toBe('');
    expect(ep.IPAddress).not.toBe(ip);
  }
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'recreate-keeps', socketPath: ENGINE })).id;
  await engine.createNetwork({ Name: net, IPAM: { Config: [{ Subnet: `${subnet}.0/24` }] } });
});
afterAll(async () => {
  const all = (await docker(ENGINE, 'ps', '-a', '--format', '{{.Names}}')).split('\n');
  for (const n of all.filter((c) => names.some((p) => c.startsWith(p)))) await docker(ENGINE, 'rm', '-f', '-v', n).catch(() => undefined);
  await docker(ENGINE, 'network', 'rm', net).catch(() => undefined);
  await berth.close();
});

describe('edit & recreate keeps what the form does not show', () => {
  it('recreating a container made elsewhere, changing only an env var, keeps every other setting', async () => {
    const n = name('rk-rec');
    const ip = `${subnet}.9`;
    await createElsewhere(n, ip);
    const oldId = (await inspect(n)).Id;
    const input = await launchInput(n, 'recreate');
    expect(input).toMatchObject({ dns: ['10.0.0.53'], tmpfs: ['/run:size=1m'], init: true, readOnly: true, logDriver: 'json-file' });
    expect(input.advanced?.hostConfig).toMatchObject({ Sysctls: { 'net.ipv4.ip_forward': '1' }, ShmSize: 128 * 1024 * 1024 });

    const r = await recreate(n, withEnv(input, '2'));
    const body = await r.json();
    expect(r.status, JSON.stringify(body)).toBe(200);
    const info = await inspect(n);
    expect(info.Id).not.toBe(oldId);
    expect(info.State.Running).toBe(true);
    expect(info.Config.Env).toContain('V=2');
    expectKept(info, ip, true);
    // The settings are live, not only recorded: the kernel and the resolver see them. The open-files limit is read off
    // the container's own process: a process started by `docker exec` gets the runtime's limits, and on some runc
    // builds its soft limit is raised to the hard one whatever the container says.
    expect(
      await docker(
        ENGINE,
        'exec',
        n,
        'sh',
        '-c',
        "cat /proc/sys/net/ipv4/ip_forward; awk '/open files/ {print $4}' /proc/1/limits; grep -c db.local /etc/hosts; touch /x 2>/dev/null || echo ro",
      ),
    ).toBe('1\n1024\n1\nro');
  });

  it('an API client that sends only the form fields (no "advanced") keeps the old container\'s other settings too', async () => {
    const n = name('rk-api');
    const ip = `${subnet}.10`;
    await createElsewhere(n, ip);
    const { advanced: _dropped, ...formOnly } = await launchInput(n, 'recreate');
    const r = await recreate(n, withEnv(formOnly as Launch, '3'));
    expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
    const info = await inspect(n);
    expect(info.Config.Env).toContain('V=3');
    expectKept(info, ip, true);
  });
});

describe('edit & recreate of a container made with --rm', () => {
  it('keeps AutoRemove, and the old container (gone once stopped) is replaced without a trace', async () => {
    const n = name('rk-rm');
    await (await engine.createContainer({ name: n, Image: h.TEST_IMAGE, Cmd: SLEEP, Env: ['V=1'], HostConfig: { AutoRemove: true } })).start();
    const oldId = (await inspect(n)).Id;
    const input = await launchInput(n, 'recreate');
    expect(input.advanced?.hostConfig.AutoRemove).toBe(true);
    const r = await recreate(n, withEnv(input, '2'));
    expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
    const info = await inspect(n);
    expect(info.Id).not.toBe(oldId);
    expect(info.HostConfig.AutoRemove).toBe(true);
    expect(info.Config.Env).toContain('V=2');
    expect((await docker(ENGINE, 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter((x) => x.startsWith(n))).toEqual([n]);
  });
});

describe('duplicate keeps them too', () => {
  it('copies every setting except the name, MAC address and static address', async () => {
    const n = name('rk-orig');
    const copy = name('rk-copy');
    const ip = `${subnet}.11`;
    await createElsewhere(n, ip);
    const input = await launchInput(n, 'duplicate');
    expect(input.name).toBe('');
    expect(input.hostname).toBe('');
    const res = await launchRoute.POST(req(`/api/v1/hosts/${host}/containers`, { method: 'POST', json: { ...input, name: copy } }), params({ id: host }));
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    const info = await inspect(copy);
    expect(info.State.Running).toBe(true);
    expectKept(info, ip, false);
    expect(info.Config.Hostname).not.toBe((await inspect(n)).Id.slice(0, 12));
  });
});

describe('what a viewer reads', () => {
  it("a sensitive container's log option values are hidden like its env values (they can hold tokens)", async () => {
    const n = name('rk-sens');
    await engine.createContainer({
      name: n,
      Image: h.TEST_IMAGE,
      Cmd: SLEEP,
      Env: ['V=1'],
      Labels: { 'io.berth.sensitive': 'true' },
      HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } } },
    });
    const viewer = await signUp(berth, uniqueName('rk-viewer'), 'viewer');
    expect(await launchInput(n, 'recreate', viewer)).toMatchObject({
      env: [{ key: 'V', value: '(hidden: sensitive container)' }],
      logOptions: ['max-size=(hidden: sensitive container)'],
    });
    expect((await launchInput(n, 'recreate')).logOptions).toEqual(['max-size=10m']);
  });
});

describe('the access policy judges what is carried', () => {
  it('an operator recreating a container with a device mapping is refused, and nothing changes', async () => {
    const n = name('rk-dev');
    const c = await engine.createContainer({
      name: n,
      Image: h.TEST_IMAGE,
      Cmd: SLEEP,
      Env: ['V=1'],
      HostConfig: { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/berth-null', CgroupPermissions: 'rwm' }] },
    });
    await c.start();
    const oldId = (await inspect(n)).Id;
    const operator = await signUp(berth, uniqueName('rk-op'), 'operator');
    const input = await launchInput(n, 'recreate', operator);
    expect(input.advanced?.hostConfig.Devices).toEqual([{ PathOnHost: '/dev/null', PathInContainer: '/dev/berth-null', CgroupPermissions: 'rwm' }]);
    for (const body of [withEnv(input, '2'), { ...withEnv(input, '2'), advanced: undefined }]) {
      const r = await recreate(n, body, operator);
      expect(r.status).toBe(403);
      expect((await r.json()).error.message).toBe('Only an admin may create this; change or remove: devices: /dev/null (host devices are not allowed)');
    }
    const after = await inspect(n);
    expect(after.Id).toBe(oldId);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toContain('V=1');
    expect((await docker(ENGINE, 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter((x) => x.startsWith(n))).toEqual([n]);
  });
});
