import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Berth } from '@/server/context';
import { containerAction, getContainer } from '@/server/containers/service';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let host: string;

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  await berth.close();
});

const state = async (name: string) => docker(ENGINE, 'inspect', '-f', '{{.State.Status}}', name);

describe('container detail and actions on a real daemon', () => {
  it('summarises inspect: command, env, labels, restart policy, mounts', async () => {
    const name = uniqueName('detail');
    await docker(
      ENGINE,
      'run',
      '-d',
      '--name',
      name,
      '-e',
      'SECRET=s3cr=t',
      '--label',
      'team=ops',
      '--restart',
      'on-failure:3',
      '-v',
      '/data',
      h.TEST_IMAGE,
      'sleep',
      '300',
    );
    const d = await getContainer(berth, host, name);
    expect(d).toMatchObject({
      name,
      state: 'running',
      cmd: ['sleep', '300'],
      labels: { team: 'ops' },
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    });
    expect(d.env).toContainEqual({ key: 'SECRET', value: 's3cr=t' });
    expect(d.mounts[0]).toMatchObject({ type: 'volume', destination: '/data' });
    await docker(ENGINE, 'rm', '-f', '-v', name);
  });

  it('runs every action and the docker CLI agrees', async () => {
    const name = uniqueName('act');
    await docker(ENGINE, 'create', '--name', name, h.TEST_IMAGE, 'sleep', '300');
    const act = (a: Parameters<typeof containerAction>[3], body = {}) => containerAction(berth, host, name, a, body);
    expect((await act('start')).message).toBe(`Container ${name} started`);
    expect(await state(name)).toBe('running');
    await act('pause');
    expect(await state(name)).toBe('paused');
    await act('unpause');
    await act('restart', { timeout: 0 });
    expect(await state(name)).toBe('running');
    await act('stop', { timeout: 0 });
    expect(await state(name)).toBe('exited');
    await act('start');
    await act('kill', { signal: 'SIGKILL' });
    expect(await state(name)).toBe('exited');
    const renamed = `${name}-new`;
    await act('rename', { name: renamed });
    expect(await state(renamed)).toBe('exited');
    await containerAction(berth, host, renamed, 'remove', { removeVolumes: true });
    await expect(state(renamed)).rejects.toThrow(/No such (object|container)/);
  });

  it('refuses an action the state does not allow, saying why', async () => {
    const name = uniqueName('stopped');
    await docker(ENGINE, 'create', '--name', name, h.TEST_IMAGE, 'true');
    await expect(containerAction(berth, host, name, 'pause', {})).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/Cannot pause container .*: it is created \(pause needs running\)/),
    });
    await docker(ENGINE, 'rm', name);
  });

  it('refuses to remove a running container without force, and removes it with force', async () => {
    const name = uniqueName('run');
    await docker(ENGINE, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '300');
    await expect(containerAction(berth, host, name, 'remove', {})).rejects.toThrow(/is running: stop it first, or remove with "force"/);
    await containerAction(berth, host, name, 'remove', { force: true });
    await expect(state(name)).rejects.toThrow();
  });

  it('answers 404-style for a container id that does not exist', async () => {
    await expect(getContainer(berth, host, 'doesnotexist123')).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/No container "doesnotexist123"/),
    });
    await expect(containerAction(berth, host, 'doesnotexist123', 'start', {})).rejects.toMatchObject({ kind: 'not_found' });
  });
});
