import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as launch from '@/app/api/v1/hosts/[id]/containers/route';
import * as recreate from '@/app/api/v1/hosts/[id]/containers/[cid]/recreate/route';
import * as volumes from '@/app/api/v1/hosts/[id]/volumes/route';
import { listAudit } from '@/server/audit/log';
import { type Berth, installBerth } from '@/server/context';
import { handleExecUpgrade } from '@/server/exec/terminal';
import { createHost } from '@/server/hosts/service';
import { powerfulNeighbours } from './policy-support';
import { docker, engineUnderTest, freshBerth, harness, params, req, signUp, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/**
 * Settings that name another container hand over that container's powers: a namespace join shares its namespaces
 * (the host's PID namespace, if it has it), volumes_from copies its mounts. Operators are judged on those effective
 * settings on the launch form, recreate and the terminal; volumes on what they mount. Each refusal creates nothing.
 */
const h = harness();
let berth: Berth;
let hostId: string;
let operator: string;
let server: http.Server;
let base: string;
// admin-made: one like the health agent, one with a host bind (policy-support.ts)
let agentLike = '';
let binder = '';
const plain = uniqueName('plain');
const made: string[] = [plain];

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  hostId = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  operator = await signUp(berth, uniqueName('op'), 'operator');
  ({ agentLike, binder } = await powerfulNeighbours(ENGINE));
  made.push(agentLike, binder);
  await docker(ENGINE, 'run', '-d', '--name', plain, h.TEST_IMAGE, 'sleep', '600');
  server = http.createServer((_, res) => res.end());
  server.on('upgrade', (r, socket, head) => void handleExecUpgrade(r, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await docker(ENGINE, 'rm', '-f', ...made).catch(() => undefined);
  server?.close();
  await berth?.close();
});

const count = async (name: string) => (await docker(ENGINE, 'ps', '-aq', '--filter', `name=^${name}$`)).trim().split('\n').filter(Boolean).length;
const launchAs = (token: string, json: Record<string, unknown>) =>
  launch.POST(
    req(`/api/v1/hosts/${hostId}/containers`, { method: 'POST', token, json: { image: h.TEST_IMAGE, command: 'sleep 60', ...json } }),
    params({ id: hostId }),
  );

describe('namespace joins and volumes_from on the launch form and recreate', () => {
  // the target's name is known only once beforeAll ran: each case builds its body from it
  const join = (field: string) => (x: string) => ({ advanced: { hostConfig: { [field]: `container:${x}` } } });
  it.each([
    ['a launch network named container:X', (x: string) => ({ networks: [{ name: `container:${x}`, aliases: [] }] }), /network_mode: container:.*pid: host/],
    ['PidMode container:X', join('PidMode'), /pid: container:.*shares container .*pid: host.*cap_add: SYS_ADMIN, SYS_PTRACE/],
    ['IpcMode container:X', join('IpcMode'), /ipc: container:.*pid: host/],
    ['UTSMode container:X', join('UTSMode'), /uts: container:.*pid: host/],
    ['UsernsMode container:X', join('UsernsMode'), /userns_mode: container:.*pid: host/],
    ['Cgroup container:X', join('Cgroup'), /cgroup: container:.*pid: host/],
  ])('refuses %s when X has host powers, and creates nothing', async (_what, bodyFor, message) => {
    const name = uniqueName('join');
    const res = await launchAs(operator, { name, ...bodyFor(agentLike) });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(403);
    expect(body.error.message).toMatch(message);
    expect(await count(name)).toBe(0);
  });

  it('lets an operator join a container that has no powers, and an admin join any', async () => {
    const mine = uniqueName('joinok');
    const theirs = uniqueName('joinadm');
    made.push(mine, theirs);
    expect((await launchAs(operator, { name: mine, networks: [{ name: `container:${plain}`, aliases: [] }] })).status).toBe(201);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.HostConfig.NetworkMode}} {{.State.Running}}', mine)).toMatch(/^container:\S+ true$/);
    const res = await launch.POST(
      req(`/api/v1/hosts/${hostId}/containers`, {
        method: 'POST',
        json: { image: h.TEST_IMAGE, command: 'sleep 60', name: theirs, advanced: { hostConfig: { PidMode: `container:${agentLike}` } } },
      }),
      params({ id: hostId }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('does not accept VolumesFrom through the launch passthrough at all', async () => {
    const res = await launchAs(operator, { name: uniqueName('vf'), advanced: { hostConfig: { VolumesFrom: [binder] } } });
    expect(res.status).toBe(400);
  });

  it('refuses a seccomp profile given as JSON and an AppArmor profile by name', async () => {
    const allowAll = `seccomp=${JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW' })}`;
    const res = await launchAs(operator, {
      name: uniqueName('sec'),
      advanced: { hostConfig: { SecurityOpt: [allowAll, 'apparmor=loose', 'no-new-privileges'] } },
    });
    const msg = (await res.json()).error.message as string;
    expect(res.status).toBe(403);
    expect(msg).toMatch(/replaces Docker's default seccomp profile/);
    expect(msg).toMatch(/apparmor=loose replaces Docker's default AppArmor profile/);
    expect(msg).not.toMatch(/no-new-privileges/);
  });

  it('refuses a recreate that would join a powerful container, and leaves the container as it was', async () => {
    const mine = uniqueName('re');
    made.push(mine);
    expect((await launchAs(operator, { name: mine })).status).toBe(201);
    const before = await docker(ENGINE, 'inspect', '-f', '{{.Id}} {{.State.Running}}', mine);
    const res = await recreate.POST(
      req(`/api/v1/hosts/${hostId}/containers/${mine}/recreate`, {
        method: 'POST',
        token: operator,
        json: { image: h.TEST_IMAGE, command: 'sleep 60', advanced: { hostConfig: { PidMode: `container:${agentLike}` } } },
      }),
      params({ id: hostId, cid: mine }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/pid: container:.*pid: host/);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.Id}} {{.State.Running}}', mine)).toBe(before);
    expect(await docker(ENGINE, 'ps', '-aq', '--filter', `name=${mine}-berth-new`)).toBe('');
  });
});

describe('volumes that mount more than a plain local volume', () => {
  const create = (b: Berth, json: unknown, token = operator) =>
    volumes.POST(req(`/api/v1/hosts/${hostId}/volumes`, { method: 'POST', token, json }), params({ id: hostId }));
  const exists = async (name: string) => (await docker(ENGINE, 'volume', 'ls', '-q', '--filter', `name=^${name}$`)).trim() !== '';

  it('refuses a disk device, a filesystem type and a volume plugin, naming the setting that would allow each', async () => {
    const disk = uniqueName('disk');
    const r1 = await create(berth, { name: disk, driver: 'local', driverOpts: { type: 'ext4', device: '/dev/vda1' } });
    expect(r1.status).toBe(403);
    expect((await r1.json()).error.message).toMatch(/type: ext4 mounts a filesystem.*BERTH_POLICY_VOLUME_TYPES.*host path \/dev\/vda1/);
    const nfs = uniqueName('nfs');
    const r2 = await create(berth, { name: nfs, driver: 'local', driverOpts: { type: 'nfs', o: 'addr=127.0.0.1', device: ':/export' } });
    expect(r2.status).toBe(403);
    const plug = uniqueName('plug');
    const r3 = await create(berth, { name: plug, driver: 'rexray' });
    expect(r3.status).toBe(403);
    expect((await r3.json()).error.message).toMatch(/rexray is a volume plugin.*BERTH_POLICY_VOLUME_DRIVERS/);
    for (const v of [disk, nfs, plug]) expect(await exists(v)).toBe(false);
  });

  it('creates a filesystem-type volume once BERTH_POLICY_VOLUME_TYPES allows the type', async () => {
    const allowing = await freshBerth('sqlite', { BERTH_POLICY_VOLUME_TYPES: 'tmpfs' });
    try {
      installBerth(allowing);
      const host = (await createHost(allowing, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
      const op = await signUp(allowing, uniqueName('op'), 'operator');
      const name = uniqueName('mem');
      const res = await volumes.POST(
        req(`/api/v1/hosts/${host}/volumes`, {
          method: 'POST',
          token: op,
          json: { name, driver: 'local', driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } },
        }),
        params({ id: host }),
      );
      expect(res.status, await res.clone().text()).toBe(201);
      await docker(ENGINE, 'volume', 'rm', name);
    } finally {
      await allowing.close();
      installBerth(berth);
    }
  });
});

describe('the terminal judges the container as it runs', () => {
  function refusal(container: string, token = operator): Promise<{ status: number; error: string }> {
    const ws = new WebSocket(`ws://${base}/api/v1/hosts/${hostId}/containers/${container}/exec?cmd=sh`, {
      headers: { authorization: `Bearer ${token}`, origin: `http://${base}` },
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => reject(new Error(`the terminal to ${container} opened`)));
      ws.once('unexpected-response', (_r, res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, error: body }));
      });
    });
  }

  it('refuses a shell in a container that joined a powerful one, or copied the mounts of one with a host bind', async () => {
    const joiner = uniqueName('joiner');
    const copier = uniqueName('copier');
    made.push(joiner, copier);
    await docker(ENGINE, 'run', '-d', '--name', joiner, '--pid', `container:${agentLike}`, h.TEST_IMAGE, 'sleep', '600');
    await docker(ENGINE, 'run', '-d', '--name', copier, '--volumes-from', binder, h.TEST_IMAGE, 'sleep', '600');
    const a = await refusal(joiner);
    expect(a.status).toBe(403);
    expect(a.error).toMatch(/pid: container:.*pid: host/);
    const b = await refusal(copier);
    expect(b.status).toBe(403);
    expect(b.error).toMatch(/host path \/etc is outside the allowed host paths/);
    const [entry] = await listAudit(berth.db, { action: 'exec.open', result: 'denied', limit: 1 });
    expect(entry.error).toMatch(/host path \/etc/);
  });

  it('answers 404 for a container that does not exist and 400 for an id that is not one', async () => {
    expect((await refusal(uniqueName('nosuch'))).status).toBe(404);
    expect((await refusal('bad%20id%2F..')).status).toBe(400);
  });
});
