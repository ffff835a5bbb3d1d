import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, freshBerth, harness, params, req, uniqueName, waitFor } from './support';

/**
 * Every other built-in template whose images all have a stand-in (scripts/harness/catalog-images.sh) is launched
 * through the catalog deploy API on daemon A with its default answers (free host ports aside: the defaults may be
 * taken on a shared machine; passwords given, as the API needs every required answer), proven to come up from the
 * outside as its health check would see it, then removed. The launches run side by side. WordPress, Galera and
 * WordPress-on-Galera are catalog-apps.test.ts's.
 */
const run = promisify(execFile);
const ENGINE = harness().DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
const api = stackApi(() => host);

/** A TCP port nothing listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const stackName = (p: string) =>
  uniqueName(p)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');

async function launch(template: string, stack: string, answers: Record<string, unknown>): Promise<void> {
  const res = await deployRoute.POST(
    req(`/api/v1/hosts/${host}/catalog/${template}/deploy`, { method: 'POST', json: { stack, answers, wait: true } }),
    params({ id: host, template }),
  );
  const body = await res.json();
  expect(res.status, JSON.stringify(body.error ?? body.operation?.log)).toBe(201);
}

/** Removes the stack through the API (down, its volumes too), then whatever a failed removal left. */
async function remove(stack: string): Promise<void> {
  const res = await api.action(stack, 'down', { removeVolumes: true, wait: true });
  await cleanupProject(ENGINE, stack);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Launches a template, runs the check while it is up, removes it (also when the check fails). */
async function upThenRemove(template: string, answers: Record<string, unknown>, check: (stack: string) => Promise<void>, prefix = template) {
  const stack = stackName(prefix);
  try {
    await launch(template, stack, answers);
    await check(stack);
  } finally {
    await remove(stack);
  }
}

/** Polls an HTTP URL of the host until it answers 200; its body. */
const http200 = (port: number, urlPath: string) =>
  waitFor(
    `200 from 127.0.0.1:${port}${urlPath}`,
    async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { signal: AbortSignal.timeout(5000) });
        return res.status === 200 ? await res.text() : undefined;
      } catch {
        return undefined;
      }
    },
    60_000,
  );

/** Polls a TCP port of the host until `line` sent there gets an answer matching `expected`; the answer. */
const tcpAnswer = (port: number, line: string, expected: RegExp) =>
  waitFor(
    `an answer to ${JSON.stringify(line.trim())} on 127.0.0.1:${port}`,
    () =>
      new Promise<string | undefined>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        let got = '';
        const done = (v: string | undefined) => {
          s.destroy();
          resolve(v);
        };
        s.setTimeout(3000, () => done(undefined));
        s.on('connect', () => s.write(Buffer.from(line, 'latin1')));
        s.on('data', (d) => {
          got += d.toString('latin1');
          if (expected.test(got)) done(got);
        });
        s.on('error', () => done(undefined));
        s.on('close', () => done(undefined));
      }),
    60_000,
  );

const exec = (container: string, ...cmd: string[]) => docker(ENGINE, 'exec', container, ...cmd);
const retryExec = (what: string, container: string, ...cmd: string[]) => waitFor(what, () => exec(container, ...cmd).catch(() => undefined), 90_000);

beforeAll(async () => {
  await run('bash', [path.resolve(__dirname, '../../scripts/harness/catalog-images.sh'), 'load', ENGINE, harness().DOCKER_CLI], { timeout: 900_000 });
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  deployTuning.conditionTimeoutMs = 60_000;
}, 900_000);

afterAll(async () => {
  await berth?.close();
});

describe.concurrent('catalog templates on stand-in images come up', { timeout: 240_000 }, () => {
  it('nginx: the public port serves the welcome page', async () => {
    const port = await freePort();
    await upThenRemove('nginx', { public_port: port }, async () => {
      expect(await http200(port, '/')).toMatch(/Welcome to nginx/);
    });
  });

  it('redis: the host port answers, and asks for the password', async () => {
    const port = await freePort();
    await upThenRemove('redis', { host_port: port, redis_password: 'Redis-password-0123' }, async () => {
      expect(await tcpAnswer(port, 'PING\r\n', /\r\n/)).toMatch(/^-NOAUTH/);
      expect(await tcpAnswer(port, 'AUTH Redis-password-0123\r\nPING\r\n', /PONG\r\n/)).toBe('+OK\r\n+PONG\r\n');
    });
  });

  it('PostgreSQL, and PostgreSQL backup of it through a service question: a dump lands in the backup volume', async () => {
    const port = await freePort();
    const password = 'Pg-password-0123';
    await upThenRemove('postgres', { host_port: port, db_password: password }, async (pg) => {
      await tcpAnswer(port, '\0\0\0\x08\x04\xd2\x16\x2f', /^[SN]/); // SSLRequest: the server answers S or N
      expect(await retryExec('a query as app', `${pg}-db-1`, 'psql', '-U', 'app', '-d', 'app', '-tAc', 'SELECT current_user')).toBe('app');
      await upThenRemove('postgres-backup', { database: `${pg}/db`, db_password: password }, async (backup) => {
        const dumps = await waitFor(
          'a dump in /backups',
          () =>
            exec(`${backup}-backup-1`, 'ls', '/backups')
              .then((o) => /^app-.*\.sql\.gz$/m.test(o) && o)
              .catch(() => undefined),
          60_000,
        );
        const dump = dumps.split('\n').find((f) => f.endsWith('.sql.gz')) ?? '';
        expect(await exec(`${backup}-backup-1`, 'sh', '-c', `gunzip -c /backups/${dump} | head -c 200000`)).toContain('PostgreSQL database dump complete');
      });
    });
  });

  it('memcached: the host port answers stats', async () => {
    const port = await freePort();
    await upThenRemove('memcached', { host_port: port }, async () => {
      expect(await tcpAnswer(port, 'stats\r\n', /END\r\n/)).toContain(`STAT limit_maxbytes ${64 * 1024 * 1024}\r\n`);
    });
  });

  it('Mosquitto: the user from the answers publishes and receives a message', async () => {
    const [mqtt_port, websocket_port] = [await freePort(), await freePort()];
    const password = 'Mqtt-password-0123';
    await upThenRemove('mosquitto', { mqtt_port, websocket_port, mqtt_password: password }, async (stack) => {
      const c = `${stack}-mosquitto-1`;
      const auth = `-u mqtt -P ${password}`;
      const roundTrip = `mosquitto_sub ${auth} -t berth/t -C 1 -W 10 & sleep 0.5; mosquitto_pub ${auth} -t berth/t -m hello; wait`;
      expect(await retryExec('an MQTT round trip', c, 'sh', '-c', roundTrip)).toBe('hello');
      await expect(exec(c, 'mosquitto_pub', '-t', 'berth/t', '-m', 'anonymous')).rejects.toThrow(/not authori[sz]ed/i);
      // MQTT over WebSockets on the other port: the upgrade is accepted with the mqtt subprotocol
      const upgrade = 'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n';
      const ws = await tcpAnswer(websocket_port, `${upgrade}Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n`, /\r\n\r\n/);
      expect(ws).toMatch(/^HTTP\/1\.1 101 [^]*Sec-WebSocket-Protocol: mqtt/i);
    });
  });

  it('registry: /v2/ answers on the published port', async () => {
    const port = await freePort();
    await upThenRemove('registry', { public_port: port }, async () => {
      expect(await http200(port, '/v2/')).toBe('{}');
    });
  });

  it('Prometheus: /-/healthy answers, with the retention from the answers', async () => {
    const port = await freePort();
    await upThenRemove('prometheus', { public_port: port }, async () => {
      await http200(port, '/-/healthy');
      expect(JSON.parse(await http200(port, '/api/v1/status/flags')).data['storage.tsdb.retention.time']).toBe('15d');
    });
  });

  it('Adminer: the login page, suggesting the default server', async () => {
    const port = await freePort();
    await upThenRemove('adminer', { public_port: port }, async () => {
      const page = await http200(port, '/');
      expect(page).toMatch(/<title>Login - Adminer<\/title>/);
      expect(page).toContain('name="auth[server]" value="db"');
    });
  });

  it('HAProxy: the statistics page answers', async () => {
    const [public_port, stats_port] = [await freePort(), await freePort()];
    await upThenRemove('haproxy', { public_port, stats_port }, async () => {
      expect(await http200(stats_port, '/stats')).toMatch(/Statistics Report/);
    });
  });

  it('MariaDB: the host port answers, and the user from the answers queries the database', async () => {
    const port = await freePort();
    const password = 'Db-password-0123';
    await upThenRemove('mariadb', { host_port: port, db_password: password, root_password: 'Root-password-0123' }, async (stack) => {
      await tcpAnswer(port, '', /mysql_native_password|mariadb/i); // the server speaks first: its handshake
      const who = await retryExec(
        'a query as app',
        `${stack}-db-1`,
        'mariadb',
        '-h',
        '127.0.0.1',
        '-uapp',
        `-p${password}`,
        '-N',
        '-B',
        '-e',
        'SELECT DATABASE()',
        'app',
      );
      expect(who).toBe('app');
    });
  });
});
