import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCreate } from '@/lib/schemas/hosts';
import type { Berth } from '@/server/context';
import { createHost, probeSsh } from '@/server/hosts/service';
import { freshBerth, harness, read } from './support';

/**
 * Issue #11's smaller host findings against real servers on loopback: a web server at a TCP host's address is not
 * taken for a Docker Engine and its body is never repeated, link-local addresses are refused, and the SSH probe
 * answers the same for a closed port and an open one that does not speak SSH.
 */
let berth: Berth;
const h = harness();
const MARKER = 'MARKER-7f3c2a-do-not-echo';
const servers: net.Server[] = [];

/** An HTTPS server (TLS with the harness's server certificate, as a TCP host needs) answering every request alike. */
async function webServer(status: number, body: string, type = 'text/html'): Promise<number> {
  const certs = path.dirname(h.TLS_CA);
  const handler: http.RequestListener = (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  const s = https.createServer({ cert: read(path.join(certs, 'server-cert.pem')), key: read(path.join(certs, 'server-key.pem')) }, handler);
  return listen(s);
}

async function listen(s: net.Server): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as net.AddressInfo).port;
}

const tcpHost = (name: string, port: number, host = '127.0.0.1'): HostCreate => ({
  kind: 'tcp',
  name,
  host,
  port,
  ca: read(h.TLS_CA),
  cert: read(h.TLS_CLIENT_CERT),
  key: read(h.TLS_CLIENT_KEY),
});

async function hostCount() {
  return (await berth.db.selectFrom('hosts').select('id').execute()).length;
}

/** The refusal's message, after checking that nothing was saved. */
async function refusal(input: HostCreate): Promise<string> {
  const before = await hostCount();
  const err = await createHost(berth, input).then(
    () => null,
    (e: Error) => e,
  );
  expect(err, 'the host was registered').not.toBeNull();
  expect(await hostCount()).toBe(before);
  return err!.message;
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
});
afterAll(async () => {
  for (const s of servers) s.close();
  await berth.close();
});

describe('a TCP address that is not a Docker Engine', () => {
  it('a web server answering 404 is named as such, without its body', async () => {
    const port = await webServer(404, `<html><body>${MARKER} not found</body></html>`);
    const msg = await refusal(tcpHost('web-404', port));
    expect(msg).toBe(`tcp://127.0.0.1:${port} answered, but not as a Docker Engine (HTTP 404): check the address and port`);
    expect(msg).not.toContain(MARKER);
  });

  it("a JSON error that looks like the Engine's is not repeated either", async () => {
    const port = await webServer(500, JSON.stringify({ message: MARKER }), 'application/json');
    const msg = await refusal(tcpHost('web-500', port));
    expect(msg).toMatch(/answered, but not as a Docker Engine \(HTTP 500\)/);
    expect(msg).not.toContain(MARKER);
  });

  it('a server answering 200 to everything is not registered as an online host with empty info', async () => {
    const port = await webServer(200, JSON.stringify({ ok: true, note: MARKER }), 'application/json');
    const msg = await refusal(tcpHost('web-200', port));
    expect(msg).toMatch(/answered, but not as a Docker Engine \(HTTP 200; its \/version answer has no Engine or API version\)/);
    expect(msg).not.toContain(MARKER);
  });

  it('a server answering 200 with a page that is not JSON', async () => {
    const port = await webServer(200, `<html>${MARKER}</html>`);
    const msg = await refusal(tcpHost('web-200-html', port));
    expect(msg).toMatch(/not as a Docker Engine \(HTTP 200/);
    expect(msg).not.toContain(MARKER);
  });

  it('the real daemon B still registers', async () => {
    const v = await createHost(berth, tcpHost('b', Number(h.DOCKER_B_TCP_PORT), h.DOCKER_B_TCP_HOST));
    expect(v.info?.apiVersion).toMatch(/^\d+\.\d+/);
  });
});

describe('link-local addresses', () => {
  it('are refused for TCP and SSH hosts before any connection, naming the setting', async () => {
    const t0 = Date.now();
    expect(await refusal(tcpHost('metadata', 2376, '169.254.169.254'))).toMatch(/169\.254\.169\.254 is a link-local address.*BERTH_ALLOW_LINK_LOCAL_HOSTS=1/);
    expect(
      await refusal({
        kind: 'ssh',
        name: 'md-ssh',
        host: 'fe80::1',
        port: 22,
        username: 'root',
        privateKey: read(h.SSH_KEY),
        fingerprint: h.SSH_HOST_FINGERPRINT,
        socketPath: '/var/run/docker.sock',
      }),
    ).toMatch(/fe80::1 is a link-local address/);
    await expect(probeSsh({ host: '169.254.169.254', port: 22 }, berth.config)).rejects.toThrow(/link-local/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('an admin setting lets them through (the connection is then tried)', async () => {
    await expect(probeSsh({ host: '169.254.1.1', port: 1 }, { allowLinkLocalHosts: true })).rejects.toThrow(/No SSH server answered at 169\.254\.1\.1:1/);
  }, 20_000);
});

describe('the SSH host key probe', () => {
  const NO_SSH = (port: number) => `No SSH server answered at 127.0.0.1:${port}; check the address and that sshd runs`;

  it('says the same for a closed port, a port that speaks something else and one that stays silent', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));

    const garbage = await listen(net.createServer((sock) => sock.end('HTTP/1.1 400 Bad Request\r\nServer: not-ssh\r\n\r\n' + MARKER)));
    const silent = await listen(net.createServer(() => {}));

    for (const port of [closedPort, garbage, silent]) {
      await expect(probeSsh({ host: '127.0.0.1', port }, berth.config)).rejects.toThrow(NO_SSH(port));
    }
  }, 30_000);

  it('still reads the key of the harness sshd', async () => {
    expect(await probeSsh({ host: h.SSH_HOST, port: Number(h.SSH_PORT) }, berth.config)).toEqual({ fingerprint: h.SSH_HOST_FINGERPRINT });
  });
});
