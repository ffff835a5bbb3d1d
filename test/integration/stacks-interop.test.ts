import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackDetail, StackSummary } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { buildStandIns, cleanupProject, removeStandIns, compose, projectNames, stackApi } from './stacks-support';
import { docker, freshBerth, harness, uniqueName } from './support';

/** Interoperability with Debian's docker-compose 1.29, a real compose client, in both directions. */
const A = harness().DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-'));

const FILE = `version: "3.7"
services:
  web:
    image: nginx:1.25
    environment:
      GREETING: hello
    depends_on: [cache]
  cache:
    image: redis:alpine
    volumes: [data:/data]
volumes:
  data: {}
`;

function writeProject(name: string, text: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'docker-compose.yml'), text);
  return path.join(d, 'docker-compose.yml');
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: A })).id;
  await buildStandIns(A);
});
afterAll(async () => {
  for (const p of projects) await cleanupProject(A, p);
  fs.rmSync(dir, { recursive: true, force: true });
  await removeStandIns(A);
  await berth.close();
});

describe('docker-compose interop', () => {
  it('a stack deployed by Berth is listed by `docker-compose ps` and removed by `docker-compose down`', async () => {
    const name = uniqueName('berthup');
    projects.push(name);
    const res = await api.create({ name, compose: FILE, deploy: true });
    expect(res.status).toBe(201);
    expect((await res.json()).operation.status).toBe('succeeded');
    const file = writeProject(name, FILE);

    const ps = await compose(A, name, file, 'ps');
    expect(ps).toContain(`${name}-web-1`);
    expect(ps).toContain(`${name}-cache-1`);
    expect(ps.match(/\bUp\b/g)?.length).toBe(2);

    const down = await compose(A, name, file, 'down');
    expect(down).toMatch(new RegExp(`Removing ${name}-web-1`));
    expect(down).toMatch(new RegExp(`Removing network ${name}_default`));
    expect(await projectNames(A, name)).toEqual([]);
    expect(await docker(A, 'network', 'ls', '-q', '--filter', `name=^${name}_default$`)).toBe('');
  });

  it('a project started by `docker-compose up -d` is listed as external, adopted from its file, and scaled', async () => {
    const name = uniqueName('cliup');
    projects.push(name);
    const file = writeProject(name, FILE);
    await compose(A, name, file, 'up', '-d');
    expect(await projectNames(A, name)).toEqual([`${name}_cache_1`, `${name}_web_1`]);

    const listed: StackSummary[] = (await (await api.list()).json()).stacks;
    expect(listed.find((s) => s.name === name)).toMatchObject({ source: 'external', state: 'running', running: 2, total: 2 });

    const adopted = await api.adopt(name);
    expect(adopted.status).toBe(201);
    expect(await adopted.json()).toMatchObject({ source: 'files', message: `Adopted ${name}: read ${file}` });
    const detail: StackDetail = (await (await api.get(name)).json()).stack;
    expect(detail).toMatchObject({ source: 'berth', compose: FILE, state: 'running' });

    const scaled = await api.scale(name, { service: 'web', replicas: 3, wait: true });
    expect(scaled.status).toBe(200);
    // compose's own container is left as it is; Berth adds numbered replicas beside it
    expect(await projectNames(A, name)).toEqual([`${name}-web-2`, `${name}-web-3`, `${name}_cache_1`, `${name}_web_1`]);
    const ps = await compose(A, name, file, 'ps');
    expect(ps.match(/\bUp\b/g)?.length).toBe(4);

    // and the compose CLI still removes all of it, Berth's replicas included
    await compose(A, name, file, 'down', '-v');
    expect(await projectNames(A, name)).toEqual([]);
  });

  it('when the project files are gone, adoption rebuilds the file from the containers', async () => {
    const name = uniqueName('rebuilt');
    projects.push(name);
    const file = writeProject(name, FILE.replace('depends_on: [cache]', 'depends_on: [cache]\n    ports: ["127.0.0.1::80"]'));
    await compose(A, name, file, 'up', '-d', '--scale', 'cache=2');
    fs.rmSync(path.dirname(file), { recursive: true });
    const adopted = await api.adopt(name);
    expect(adopted.status).toBe(201);
    expect((await adopted.json()).source).toBe('containers');
    const detail: StackDetail = (await (await api.get(name)).json()).stack;
    expect(detail.compose).toMatch(/web:\n\s+image: nginx:1.25\n\s+environment:\n\s+- GREETING=hello/);
    expect(detail.compose).toMatch(/cache:\n\s+image: redis:alpine\n\s+volumes:\n\s+- data:\/data\n\s+deploy:\n\s+replicas: 2/);
    const plan = await api.plan(name);
    expect(plan.status).toBe(200);
    await api.action(name, 'down', { removeVolumes: true });
    expect(await projectNames(A, name)).toEqual([]);
  });
});
