import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Berth, installBerth } from '@/server/context';
import { handleExecUpgrade } from '@/server/exec/terminal';
import { createHost } from '@/server/hosts/service';
import { listAudit } from '@/server/audit/log';
import { hashToken } from '@/server/auth/tokens';
import { adminToken, docker, engineUnderTest, freshBerth, harness, signUp, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let hostId: string;
let server: http.Server;
let base: string;
const running = uniqueName('exec');

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  hostId = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await docker(ENGINE, 'run', '-d', '--name', running, h.TEST_IMAGE, 'sleep', '600');
  server = http.createServer((_, res) => res.end());
  server.on('upgrade', (req, socket, head) => void handleExecUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await docker(ENGINE, 'rm', '-f', running).catch(() => undefined);
  server.close();
  await berth.close();
});

function open(container: string, query = 'cmd=sh', origin: string | null = `http://${base}`, token = adminToken) {
  const ws = new WebSocket(`ws://${base}/api/v1/hosts/${hostId}/containers/${container}/exec?${query}`, {
    headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) },
  });
  let out = '';
  const texts: string[] = [];
  ws.on('message', (d, binary) => (binary ? (out += d.toString()) : texts.push(d.toString())));
  return { ws, output: () => out, texts };
}

const processes = () => docker(ENGINE, 'exec', running, 'ps', '-o', 'pid,args');

describe('the exec terminal WebSocket', () => {
  it('runs a shell in the container and carries input and output', async () => {
    const t = open(running);
    await new Promise((r) => t.ws.once('open', r));
    t.ws.send(JSON.stringify({ type: 'resize', cols: 100, rows: 30 }));
    t.ws.send(JSON.stringify({ type: 'input', data: 'echo berth-$((6*7)); stty size\r' }));
    await waitFor('shell output', () => t.output().includes('berth-42') && t.output().includes('30 100'), 5000);
    t.ws.close();
  });

  it('ends the process in the container when the socket closes, even one that ignores Ctrl-C and Ctrl-D', async () => {
    const t = open(running);
    await new Promise((r) => t.ws.once('open', r));
    t.ws.send(JSON.stringify({ type: 'input', data: 'trap "" INT; exec sleep 4242\r' }));
    await waitFor('sleep started', async () => (await processes()).includes('sleep 4242'), 5000);
    t.ws.close();
    await waitFor('sleep gone', async () => !(await processes()).includes('sleep 4242'), 8000);
  });

  it('says why when the container is not running, and when the shell does not exist', async () => {
    const stopped = uniqueName('stopped');
    await docker(ENGINE, 'create', '--name', stopped, h.TEST_IMAGE, 'true');
    const t = open(stopped);
    const code = await new Promise<number>((r) => t.ws.once('close', (c) => r(c)));
    expect(code).toBe(4409);
    expect(JSON.parse(t.texts[0])).toEqual({ type: 'error', message: expect.stringMatching(/Container .* is created: start it first to open a terminal/) });
    await docker(ENGINE, 'rm', stopped);

    const bash = open(running, 'cmd=bash');
    await new Promise((r) => bash.ws.once('close', r));
    expect(JSON.parse(bash.texts[0]).message).toMatch(/"bash" does not exist in this container/);
  });

  it('refuses a foreign, "null" or missing Origin, or this host with another scheme, before upgrading', async () => {
    for (const origin of ['http://evil.example', 'null', null, `https://${base}`]) {
      const t = open(running, 'cmd=sh', origin);
      const status = await new Promise<number>((r) => t.ws.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
      expect(status).toBe(403);
    }
  });

  it('closes an open terminal when its user loses access', { timeout: 20_000 }, async () => {
    const name = uniqueName('op');
    const token = await signUp(berth, name, 'operator');
    const t = open(running, 'cmd=sh', `http://${base}`, token);
    await new Promise((r) => t.ws.once('open', r));
    await berth.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('hash', '=', hashToken(token)).execute();
    const code = await new Promise<number>((r) => t.ws.once('close', (c) => r(c)));
    expect(code).toBe(4401);
    expect(t.texts.join('\n')).toMatch(/Access lost: This API token is not valid/);
  });

  it('refuses a viewer before upgrading, and audits the attempt', async () => {
    const viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
    const t = open(running, 'cmd=sh', `http://${base}`, viewer);
    const status = await new Promise<number>((r) => t.ws.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
    expect(status).toBe(403);
    const [entry] = await listAudit(berth.db, { action: 'exec.open', result: 'denied', limit: 1 });
    expect(entry).toMatchObject({ host_id: hostId, status: 403 });
    expect(entry.actor).toMatch(/^viewer-/);
  });

  it('refuses an operator a shell in a container with host powers (the health agent is one), and says which; an admin gets it', async () => {
    const powerful = uniqueName('caps');
    await docker(ENGINE, 'run', '-d', '--name', powerful, '--pid', 'host', '--cap-add', 'SYS_ADMIN', h.TEST_IMAGE, 'sleep', '600');
    try {
      const operator = await signUp(berth, uniqueName('op'), 'operator');
      const t = open(powerful, 'cmd=sh', `http://${base}`, operator);
      const status = await new Promise<number>((r) => t.ws.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
      expect(status).toBe(403);
      const [entry] = await listAudit(berth.db, { action: 'exec.open', result: 'denied', limit: 1 });
      expect(entry.error).toMatch(/Only an admin may open a shell in this container: it runs with pid: host .*cap_add: SYS_ADMIN/);
      const admin = open(powerful);
      await new Promise((r) => admin.ws.once('open', r));
      admin.ws.send(JSON.stringify({ type: 'input', data: 'echo admin-$((2*21))\r' }));
      await waitFor('admin shell output', () => admin.output().includes('admin-42'), 5000);
      admin.ws.close();
    } finally {
      await docker(ENGINE, 'rm', '-f', powerful);
    }
  });
});
