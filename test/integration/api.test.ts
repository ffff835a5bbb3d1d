import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import * as containers from '@/app/api/v1/containers/route';
import * as hosts from '@/app/api/v1/hosts/route';
import * as host from '@/app/api/v1/hosts/[id]/route';
import * as container from '@/app/api/v1/hosts/[id]/containers/[cid]/route';
import * as action from '@/app/api/v1/hosts/[id]/containers/[cid]/[action]/route';
import { type Berth, installBerth } from '@/server/context';
import { docker, freshBerth, harness, params, read, req, uniqueName, waitFor } from './support';

const h = harness();
let berth: Berth;
const base = 'http://localhost:3000';

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
});
afterAll(async () => {
  await berth.close();
});

describe('the REST API over real daemons', () => {
  let hostId: string;

  it('GET /api/health answers with the store', async () => {
    const res = await health.GET(req('/api/health'), params({}));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: 'sqlite' });
  });

  it('POST /api/v1/hosts registers a TLS host and never returns its secrets', async () => {
    const res = await hosts.POST(
      req('/api/v1/hosts', {
        method: 'POST',
        json: {
          kind: 'tcp',
          name: 'b',
          host: h.DOCKER_B_TCP_HOST,
          port: Number(h.DOCKER_B_TCP_PORT),
          ca: read(h.TLS_CA),
          cert: read(h.TLS_CLIENT_CERT),
          key: read(h.TLS_CLIENT_KEY),
        },
      }),
      params({}),
    );
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    hostId = JSON.parse(text).host.id;
    const list = await (await hosts.GET(req('/api/v1/hosts'), params({}))).text();
    expect(list).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    const one = await (await host.GET(req(`/api/v1/hosts/${hostId}`), params({ id: hostId }))).text();
    expect(one).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it('answers bad input with 400 and a message naming the field', async () => {
    const bad = await hosts.POST(
      req('/api/v1/hosts', {
        method: 'POST',
        json: { kind: 'ssh', name: 'x', host: '-oProxyCommand=sh', username: 'root', privateKey: 'k', fingerprint: 'f' },
      }),
      params({}),
    );
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.message).toMatch(/host: Host address must not start with "-"/);
    expect(body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['host', 'privateKey', 'fingerprint']));

    const notJson = await hosts.POST(req('/api/v1/hosts', { method: 'POST', body: '{oops' }), params({}));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/must be JSON/);
  });

  it('refuses a mutation from a foreign or null Origin', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const res = await hosts.POST(
        req('/api/v1/hosts', { method: 'POST', headers: { origin }, json: { kind: 'socket', name: 'x', socketPath: h.DOCKER_A_SOCKET } }),
        params({}),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/Cross-origin request refused/);
    }
    const same = await hosts.POST(
      req('/api/v1/hosts', { method: 'POST', headers: { origin: base }, json: { kind: 'socket', name: 'a', socketPath: h.DOCKER_A_SOCKET } }),
      params({}),
    );
    expect(same.status).toBe(201);
  });

  it('lists, inspects and acts on containers; 404 and 409 where they belong', async () => {
    const name = uniqueName('api');
    await docker(h.DOCKER_B_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '300');
    await waitFor('container running in cache', () => berth.fleet.allContainers().some((c) => c.name === name && c.state === 'running'));

    const list = await (await containers.GET(req(`/api/v1/containers?host=${hostId}&state=running&q=${name}`), params({}))).json();
    expect(list.containers.map((c: { name: string }) => c.name)).toEqual([name]);
    const badState = await containers.GET(req('/api/v1/containers?state=sleeping'), params({}));
    expect(badState.status).toBe(400);

    const detail = await container.GET(req(`/api/v1/hosts/${hostId}/containers/${name}`), params({ id: hostId, cid: name }));
    expect((await detail.json()).container).toMatchObject({ name, state: 'running' });
    const missing = await container.GET(req(`/api/v1/hosts/${hostId}/containers/nope404`), params({ id: hostId, cid: 'nope404' }));
    expect(missing.status).toBe(404);
    const noHost = await container.GET(req('/api/v1/hosts/zzz/containers/x'), params({ id: 'zzz', cid: 'x' }));
    expect(noHost.status).toBe(404);

    const p = (a: string, json: unknown = {}) =>
      action.POST(req(`/api/v1/hosts/${hostId}/containers/${name}/${a}`, { method: 'POST', json }), params({ id: hostId, cid: name, action: a }));
    expect((await p('unpause')).status).toBe(409);
    const stop = await p('stop', { timeout: 0 });
    expect(stop.status).toBe(200);
    expect((await stop.json()).message).toBe(`Container ${name} stopped`);
    const pause = await p('pause');
    expect(pause.status).toBe(409);
    expect((await pause.json()).error.message).toMatch(/Cannot pause container .*: it is exited/);
    expect((await p('explode')).status).toBe(400);
    expect((await p('remove', { force: 'yes' })).status).toBe(400);
    expect((await p('remove')).status).toBe(200);
  });

  it('DELETE /api/v1/hosts/{id} removes the host and its containers from the list', async () => {
    const res = await host.DELETE(req(`/api/v1/hosts/${hostId}`, { method: 'DELETE' }), params({ id: hostId }));
    expect(res.status).toBe(200);
    const list = await (await containers.GET(req('/api/v1/containers'), params({}))).json();
    expect(list.containers.every((c: { hostId: string }) => c.hostId !== hostId)).toBe(true);
    expect((await host.DELETE(req(`/api/v1/hosts/${hostId}`, { method: 'DELETE' }), params({ id: hostId }))).status).toBe(404);
  });
});
