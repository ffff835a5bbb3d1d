import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as containerDiagnosis from '@/app/api/v1/hosts/[id]/containers/[cid]/diagnosis/route';
import * as stackDiagnosis from '@/app/api/v1/hosts/[id]/stacks/[name]/diagnosis/route';
import type { ApiRoutes } from '@/lib/api-contract';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, req, signUp, uniqueName, waitFor } from './support';

/**
 * The "Why?" panel against a real daemon (A, Engine 20.10; C in the engine26 project): each common failure is made
 * for real with the harness's busybox image, and the diagnosis must name it and quote its evidence.
 */
const ENGINE = engineUnderTest().socket;
type CDiag = ApiRoutes['GET /api/v1/hosts/{id}/containers/{cid}/diagnosis']['diagnosis'];
type SDiag = ApiRoutes['GET /api/v1/hosts/{id}/stacks/{name}/diagnosis']['diagnosis'];

let berth: Berth;
let host = '';
const containers: string[] = [];
const projects: string[] = [];
const api = stackApi(() => host);

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});
afterAll(async () => {
  if (containers.length) await docker(ENGINE, 'rm', '-f', ...containers).catch(() => undefined);
  for (const p of projects) await cleanupProject(ENGINE, p);
  await berth?.close();
});

async function diagnose(cid: string, token?: string): Promise<CDiag> {
  const res = await containerDiagnosis.GET(req(`/api/v1/hosts/${host}/containers/${cid}/diagnosis`, token ? { token } : {}), {
    params: Promise.resolve({ id: host, cid }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { diagnosis: CDiag }).diagnosis;
}

/** `docker run` that may fail (the failures are the point); the container is removed at the end. */
async function run(name: string, ...args: string[]): Promise<void> {
  containers.push(name);
  await docker(ENGINE, 'run', '--name', name, ...args).catch(() => undefined);
}

describe('diagnosis of a container', () => {
  it('exit 1 after printing an error: an app error quoting that log line', async () => {
    const name = uniqueName('diag-exit1');
    await run(name, harness().TEST_IMAGE, 'sh', '-c', 'echo starting; echo "FATAL: config file /etc/app.conf is missing" >&2; exit 1');
    const d = await diagnose(name);
    expect(d).toMatchObject({ healthy: false, container: { name, state: 'exited' } });
    expect(d.hints[0]).toMatchObject({ id: 'exit-code', severity: 'error', title: 'App error' });
    expect(d.hints[0].evidence).toBe('exit code 1; last log line: "FATAL: config file /etc/app.conf is missing"');
    // stdout and stderr are two streams: the Engine keeps the order it read them in, not the order they were written
    expect(d.logs).toEqual(expect.arrayContaining(['starting', 'FATAL: config file /etc/app.conf is missing']));
  });

  it('killed for memory: OOMKilled with the 16 MiB limit', async () => {
    const name = uniqueName('diag-oom');
    await run(name, '--memory', '16m', '--memory-swap', '16m', harness().TEST_IMAGE, 'sh', '-c', 'echo loading; x=$(head -c 100m /dev/zero | tr "\\0" a)');
    const d = await diagnose(name);
    expect(d.hints[0]).toMatchObject({ id: 'oom-killed', title: 'Killed: out of memory', evidence: 'exit code 137, OOMKilled=true, memory limit 16 MiB' });
    expect(d.hints.map((h) => h.id)).not.toContain('exit-code');
  });

  it('a command not found (127): the Engine could not start it', async () => {
    const name = uniqueName('diag-127');
    await run(name, harness().TEST_IMAGE, 'nosuchcmd');
    const d = await diagnose(name);
    expect(d.healthy).toBe(false);
    expect(d.hints[0]).toMatchObject({ id: 'command', title: 'Command not found: nosuchcmd' });
    expect(d.hints[0].evidence).toMatch(/executable file not found/);
  });

  it('a port conflict: the second container publishing the same host port names the first', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const first = uniqueName('diag-port-a');
    const second = uniqueName('diag-port-b');
    await run(first, '-d', '-p', `${port}:80`, harness().TEST_IMAGE, 'sleep', '300');
    await run(second, '-d', '-p', `${port}:80`, harness().TEST_IMAGE, 'sleep', '300');
    const d = await diagnose(second);
    expect(d.hints[0]).toMatchObject({ id: 'port-conflict', title: `Port ${port} is already in use` });
    expect(d.hints[0].evidence).toContain(`published by ${first}`);
    expect(d.hints[0].action).toMatch(new RegExp(`^Stop ${first}`));
  });

  it('a running container is healthy with no hints; a sensitive one hides its log lines from a viewer', async () => {
    const name = uniqueName('diag-ok');
    await run(name, '-d', '--label', 'io.berth.sensitive=true', harness().TEST_IMAGE, 'sh', '-c', 'echo secret=hunter2; exec sleep 300');
    await waitFor('the log line', async () => (await docker(ENGINE, 'logs', name)).includes('hunter2'));
    const asAdmin = await diagnose(name);
    expect(asAdmin).toMatchObject({ healthy: true, hints: [] });
    expect(asAdmin.logs).toEqual(['secret=hunter2']);
    const viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
    expect((await diagnose(name, viewer)).logs).toBeNull();
  });

  it('a restart loop: the exit code quoting its line, then the loop with its count and policy', async () => {
    const name = uniqueName('diag-loop');
    await run(name, '-d', '--restart', 'always', harness().TEST_IMAGE, 'sh', '-c', 'echo "boom: cannot reach cache"; exit 3');
    await waitFor('3 restarts', async () => Number(await docker(ENGINE, 'inspect', '-f', '{{.RestartCount}}', name)) >= 3, 30_000);
    const d = await diagnose(name);
    expect(d.healthy).toBe(false);
    const loop = d.hints.find((h) => h.id === 'restart-loop')!;
    expect(loop.evidence).toMatch(/^RestartCount=\d+, restart policy always/);
    expect(d.hints.find((h) => h.id === 'exit-code')?.evidence ?? '').toMatch(/exit code 3; last log line: "boom: cannot reach cache"/);
  });

  it('an image no longer on the host, and a bind source removed before the start', async () => {
    const name = uniqueName('diag-gone');
    const ref = `berth-test/${name}:1`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diag-bind-'));
    await docker(ENGINE, 'tag', harness().TEST_IMAGE, ref);
    containers.push(name);
    await docker(ENGINE, 'create', '--name', name, '--mount', `type=bind,source=${dir},target=/data`, ref, 'sleep', '300');
    await docker(ENGINE, 'rmi', ref);
    fs.rmdirSync(dir);
    await expect(docker(ENGINE, 'start', name)).rejects.toThrow(/bind source path does not exist/);
    const d = await diagnose(name);
    // the Engine keeps no record of that failed start: what is left is a created container and its bind
    expect(d.hints.map((h) => h.id)).toEqual(['image', 'never-started']);
    expect(d.hints[1].evidence).toBe(`status created, no start recorded; bind mounts from ${dir}`);
    expect(d.hints[0]).toMatchObject({ severity: 'warning', title: `Image ${ref} is no longer on this host` });
  });

  it('an unknown container is a 404 naming it', async () => {
    const res = await containerDiagnosis.GET(req(`/api/v1/hosts/${host}/containers/nosuch-diag/diagnosis`), {
      params: Promise.resolve({ id: host, cid: 'nosuch-diag' }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/nosuch-diag/);
  });
});

describe('diagnosis of a stack', () => {
  it('a service that depends on a service failing its healthcheck', async () => {
    const name = uniqueName('diag-stack');
    projects.push(name);
    const compose = `services:
  db:
    image: ${harness().TEST_IMAGE}
    command: ["sleep", "300"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "cat", "/tmp/ready"]
      interval: 1s
      timeout: 1s
      retries: 2
  web:
    image: ${harness().TEST_IMAGE}
    command: ["sleep", "300"]
    depends_on:
      db:
        condition: service_healthy
`;
    const created = await api.create({ name, compose, env: '', deploy: false });
    expect(created.status).toBe(201);
    await api.deploy(name, { wait: true });
    const res = await stackDiagnosis.GET(req(`/api/v1/hosts/${host}/stacks/${name}/diagnosis`), { params: Promise.resolve({ id: host, name }) });
    expect(res.status).toBe(200);
    const d = ((await res.json()) as { diagnosis: SDiag }).diagnosis;
    expect(d.healthy).toBe(false);
    // Berth's deploy undoes what it created when db turns unhealthy: the failed operation is the evidence left
    expect(d.hints.map((h) => `${h.id}:${h.service ?? ''}`)).toEqual(['operation-failed:', 'dependency:web', 'no-container:db', 'no-container:web']);
    expect(d.hints[0].evidence).toMatch(/^deploy failed at .*: "db is unhealthy: cat: can't open '\/tmp\/ready'/);
    expect(d.hints[1].title).toBe('web waits on db, which is not healthy');
    expect(d.hints[1].evidence).toMatch(
      /^depends_on db \(condition: service_healthy\); db has no container; the last deploy said "db is unhealthy: cat: can't open/,
    );
    expect(d.hints[2].title).toBe('db failed in the last deploy, which removed its container');
    expect(d.containers).toEqual([]);
  });

  it('a running service whose dependency was killed afterwards: a warning on it, and the kill on the dependency', async () => {
    const name = uniqueName('diag-dep');
    projects.push(name);
    const compose = `services:
  db:
    image: ${harness().TEST_IMAGE}
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 300"]
    healthcheck:
      test: ["CMD", "cat", "/tmp/ready"]
      interval: 1s
      retries: 2
  web:
    image: ${harness().TEST_IMAGE}
    command: ["sleep", "300"]
    depends_on:
      db:
        condition: service_healthy
`;
    expect((await api.create({ name, compose, env: '', deploy: false })).status).toBe(201);
    const deployed = await api.deploy(name, { wait: true });
    expect(((await deployed.json()) as { operation: { status: string } }).operation.status).toBe('succeeded');
    await docker(ENGINE, 'kill', `${name}-db-1`);
    const res = await stackDiagnosis.GET(req(`/api/v1/hosts/${host}/stacks/${name}/diagnosis`), { params: Promise.resolve({ id: host, name }) });
    const d = ((await res.json()) as { diagnosis: SDiag }).diagnosis;
    expect(d.hints.map((h) => `${h.id}:${h.service ?? ''}`)).toEqual(['exit-code:db', 'dependency:web']);
    expect(d.hints[0]).toMatchObject({ title: 'Killed (SIGKILL)', container: `${name}-db-1` });
    expect(d.hints[1]).toMatchObject({ severity: 'warning', title: 'web depends on db, which is not healthy' });
    expect(d.hints[1].evidence).toBe(`depends_on db (condition: service_healthy); ${name}-db-1 is exited (exit code 137)`);
  });
});
