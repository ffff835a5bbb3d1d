import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, compose, projectNames, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

/**
 * The compose keys real files use a lot (container_name, version-2 resources, dns_search, group_add, volumes_from)
 * deployed to a real daemon: the Engine gets the fields docker-compose would send, and the compose CLI still
 * lists the stack.
 */
const { TEST_IMAGE } = harness();
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const name = uniqueName('keys');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-keys-'));

// the harness busybox with a sleep that ends at once on SIGTERM (so stops do not take 10 s)
const FILE = `services:
  data:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo shared > /shared/hello; sleep 3600 & wait"]
    container_name: ${name}-store
    mem_limit: 64m
    cpus: 0.5
    dns_search: [corp.example, lab.example]
    group_add: ["4242"]
    volumes: [shared:/shared]
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
    volumes_from: ["data:ro"]
volumes:
  shared: {}
`;

const inspect = async (container: string) => JSON.parse(await docker(ENGINE, 'inspect', container))[0];

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  await cleanupProject(ENGINE, name);
  fs.rmSync(dir, { recursive: true, force: true });
  await berth.close();
});

describe('compose keys people write in practice', () => {
  it('deploys container_name, mem_limit, cpus, dns_search, group_add and volumes_from as docker-compose would', async () => {
    const res = await api.create({ name, compose: FILE, deploy: true });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.operation.status).toBe('succeeded');

    const data = await inspect(`${name}-store`);
    expect(data.Config.Labels['com.docker.compose.service']).toBe('data');
    expect(data.Config.Labels['com.docker.compose.container-number']).toBe('1');
    expect(data.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(data.HostConfig.NanoCpus).toBe(500_000_000);
    expect(data.HostConfig.DnsSearch).toEqual(['corp.example', 'lab.example']);
    expect(data.HostConfig.GroupAdd).toEqual(['4242']);
    expect(data.State.Running).toBe(true);

    // app started after data (volumes_from orders like depends_on) and sees its volume read-only
    const app = await inspect(`${name}-app-1`);
    expect(app.HostConfig.VolumesFrom).toEqual([`${name}-store:ro`]);
    expect(app.Mounts.find((m: { Destination: string }) => m.Destination === '/shared')?.RW).toBe(false);
    expect(await docker(ENGINE, 'exec', `${name}-app-1`, 'cat', '/shared/hello')).toBe('shared');
    expect(await docker(ENGINE, 'exec', `${name}-store`, 'id', '-G')).toMatch(/\b4242\b/);
  });

  it('redeploying the same file leaves both containers alone (the config hash is stable)', async () => {
    const plan = await (await api.plan(name, { compose: FILE })).json();
    expect(plan.plan.summary).toMatchObject({ create: 0, recreate: 0, remove: 0, keep: 2 });
  });

  it('refuses to scale the container_name service past 1, naming container_name', async () => {
    const refused = await api.scale(name, { service: 'data', replicas: 2, wait: true });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(new RegExp(`data sets container_name "${name}-store", so it cannot scale past 1`));
    expect(await projectNames(ENGINE, name)).toEqual([`${name}-app-1`, `${name}-store`]);
  });

  it('the compose CLI (1.29 on Engine 20.10, v2 on 26) lists the container_name container as part of the project', async () => {
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), FILE);
    const ps = await compose(ENGINE, name, path.join(dir, 'docker-compose.yml'), 'ps');
    expect(ps).toContain(`${name}-store`);
    expect(ps).toContain(`${name}-app-1`);
    expect(ps.match(/\bUp\b/g)?.length).toBe(2);
  });

  it('refuses before changing anything when another container already has the container_name', async () => {
    const other = uniqueName('keys-other');
    const squatter = `${other}-db`;
    await docker(ENGINE, 'create', '--name', squatter, TEST_IMAGE, 'true');
    try {
      const file = `services:\n  db:\n    image: ${TEST_IMAGE}\n    container_name: ${squatter}\n  web:\n    image: ${TEST_IMAGE}\n`;
      const res = await api.create({ name: other, compose: file, deploy: true });
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe(
        `Nothing was changed: db sets container_name "${squatter}", but a container of that name already exists on host a (created, not part of this stack); remove or rename it, or change container_name`,
      );
      expect(await projectNames(ENGINE, other)).toEqual([]);
    } finally {
      await docker(ENGINE, 'rm', '-f', squatter).catch(() => undefined);
      await cleanupProject(ENGINE, other);
    }
  });
});
