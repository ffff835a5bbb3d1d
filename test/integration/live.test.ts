import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '@/lib/types';
import type { Berth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, read, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let hostA: string;
let hostB: string;
const messages: LiveMessage[] = [];

beforeAll(async () => {
  berth = await freshBerth('sqlite');
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
  berth.fleet.hub.subscribe((m) => messages.push(m));
  await waitFor('both hosts synced', () => berth.fleet.runtime(hostA).synced && berth.fleet.runtime(hostB).synced);
});
afterAll(async () => {
  await berth.close();
});

const row = (name: string) => berth.fleet.containers({}).containers.find((c) => c.name === name);

describe('the live container cache', () => {
  it('sees a container the docker CLI starts, stops and removes, within a second, without polling', async () => {
    const name = uniqueName('live');
    const started = Date.now();
    await docker(
      ENGINE,
      'run',
      '-d',
      '--name',
      name,
      '--label',
      'com.docker.compose.project=shop',
      '--label',
      'com.docker.compose.service=web',
      h.TEST_IMAGE,
      'sleep',
      '300',
    );
    const c = await waitFor('the new container in the cache', () => row(name)?.state === 'running' && row(name), 1000 + (Date.now() - started));
    expect(c).toMatchObject({ hostId: hostA, project: 'shop', service: 'web', image: h.TEST_IMAGE });
    expect(messages.some((m) => m.type === 'container' && m.container.name === name)).toBe(true);

    await docker(ENGINE, 'kill', name);
    await waitFor('the container to show as exited', () => row(name)?.state === 'exited', 1500);

    await docker(ENGINE, 'rm', name);
    await waitFor('the container to disappear', () => !row(name), 1500);
    expect(messages.some((m) => m.type === 'container-removed' && m.id === c.id)).toBe(true);
  });

  it('shows a container that exits at once as exited, with its exit code', async () => {
    for (let i = 0; i < 3; i++) {
      const name = uniqueName('quick');
      await docker(ENGINE, 'run', '--name', name, h.TEST_IMAGE, 'sh', '-c', 'exit 3').catch(() => undefined);
      const c = await waitFor('the quick container to show as exited', () => row(name)?.state === 'exited' && row(name), 1500);
      expect(c.exitCode).toBe(3);
      await docker(ENGINE, 'rm', name);
    }
  });

  it('filters by host, state, project and free text', async () => {
    const name = uniqueName('filt');
    await docker(h.DOCKER_B_SOCKET, 'create', '--name', name, h.TEST_IMAGE, 'true');
    await waitFor('created container', () => row(name));
    expect(berth.fleet.containers({ host: hostB, state: 'created' }).containers.map((c) => c.name)).toContain(name);
    expect(berth.fleet.containers({ host: hostA }).containers.map((c) => c.name)).not.toContain(name);
    expect(berth.fleet.containers({ q: name.slice(0, 12) }).containers.map((c) => c.name)).toContain(name);
    expect(berth.fleet.containers({ project: 'nope' }).containers).toHaveLength(0);
    await expect(async () => berth.fleet.containers({ host: 'no-such-host' })).rejects.toThrow(/No host "no-such-host"/);
    await docker(h.DOCKER_B_SOCKET, 'rm', name);
  });

  it('marks a host offline when its daemon stops answering, and keeps serving the others', async () => {
    // A daemon that stops answering looks exactly like this from Berth's side: connections hang.
    const rt = berth.fleet.runtime(hostB);
    const { default: fs } = await import('node:fs');
    const pid = Number(fs.readFileSync(path.join(path.dirname(h.DOCKER_B_SOCKET), 'dockerd.pid'), 'utf8'));
    process.kill(pid, 'SIGSTOP');
    try {
      const t0 = Date.now();
      await waitFor('host b offline', () => rt.view().status === 'offline', 5000);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(rt.view().lastError).toMatch(/did not answer in time/);
      const list = berth.fleet.containers({});
      expect(list.unavailable.map((u) => u.hostId)).toEqual([hostB]);
      expect(berth.fleet.runtime(hostA).view().status).toBe('online');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitFor('host b back online and resynced', () => rt.view().status === 'online' && rt.synced, 10_000);
  }, 30_000);
});
