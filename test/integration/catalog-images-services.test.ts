import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, harness, uniqueName, waitFor } from './support';

/**
 * The single-service stand-ins of scripts/harness/catalog-images.sh (nginx, redis, postgres, memcached, mosquitto,
 * registry, prometheus, adminer: built from Debian's packages because no registry is reachable) each honour the part
 * of the official image's contract the catalog's templates use, one focused check per image, run side by side.
 * Daemon A only, as catalog-images.test.ts.
 */
const run = promisify(execFile);
const h = harness();
const A = h.DOCKER_A_SOCKET;
const containers: string[] = [];
let dir = '';

/** docker run -d of a named container (recorded for cleanup); ports published on 127.0.0.1. */
async function start(prefix: string, args: string[]): Promise<string> {
  const name = uniqueName(`cat-${prefix}`);
  containers.push(name);
  await docker(A, 'run', '-d', '--name', name, ...args);
  return name;
}

async function publishedPort(container: string, port: number): Promise<string> {
  const out = await docker(A, 'port', container, String(port));
  return out.split('\n')[0].split(':').pop() ?? '';
}

/** The status and body of a URL, or null while nothing answers. */
async function get(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

/** Polls a URL of the container's published port until it answers 200; its body. */
async function ok(container: string, port: number, urlPath: string): Promise<string> {
  const url = `http://127.0.0.1:${await publishedPort(container, port)}${urlPath}`;
  const r = await waitFor(`200 from ${container} ${urlPath}`, async () => ((await get(url))?.status === 200 ? get(url) : null), 30_000);
  return r?.body ?? '';
}

/** Sends one line over TCP and returns what came back until `until` matched (or the socket closed). */
const talk = (port: string, line: string, until: RegExp) =>
  new Promise<string>((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1');
    let got = '';
    s.setTimeout(5000, () => s.destroy(new Error(`no answer to ${line.trim()} (got ${JSON.stringify(got)})`)));
    s.on('connect', () => s.write(line));
    s.on('data', (d) => {
      got += d.toString();
      if (until.test(got)) s.end(() => resolve(got));
    });
    s.on('error', reject);
    s.on('close', () => resolve(got));
  });

const retry = <T>(what: string, fn: () => Promise<T>, ms = 30_000) => waitFor(what, () => fn().catch(() => null), ms) as Promise<T>;

beforeAll(async () => {
  const script = path.resolve(__dirname, '../../scripts/harness/catalog-images.sh');
  await run('bash', [script, 'load', A, h.DOCKER_CLI], { timeout: 900_000 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-nginx-'));
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, 'hello.txt'), 'served by the nginx stand-in\n', { mode: 0o644 });
}, 900_000);

afterAll(async () => {
  if (containers.length) await docker(A, 'rm', '-f', '-v', ...containers).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.concurrent('catalog stand-in images: one service each', () => {
  it('nginx serves a file mounted in /usr/share/nginx/html', async () => {
    const c = await start('nginx', ['-p', '127.0.0.1::80', '-v', `${dir}:/usr/share/nginx/html:ro`, 'nginx:1.27-alpine']);
    expect(await ok(c, 80, '/hello.txt')).toBe('served by the nginx stand-in\n');
  });

  it('redis-server takes its arguments: the password is required, then SET and GET work', async () => {
    const c = await start('redis', ['redis:7.4-alpine', 'redis-server', '--requirepass', 'Redis-password-0123', '--appendonly', 'yes']);
    const cli = (...a: string[]) => docker(A, 'exec', c, 'redis-cli', '--no-auth-warning', ...a);
    expect(await retry('redis PING', () => cli('-a', 'Redis-password-0123', 'PING'))).toBe('PONG');
    expect(await cli('PING')).toMatch(/NOAUTH/);
    await cli('-a', 'Redis-password-0123', 'SET', 'k', 'a value');
    expect(await cli('-a', 'Redis-password-0123', 'GET', 'k')).toBe('a value');
    expect(await docker(A, 'exec', c, 'ls', '/data')).toContain('appendonlydir');
  });

  it('postgres creates POSTGRES_USER and POSTGRES_DB in PGDATA on first start; a password login queries it', async () => {
    const c = await start('postgres', [
      ...['-e', 'POSTGRES_USER=app', '-e', 'POSTGRES_PASSWORD=Pg-password-0123', '-e', 'POSTGRES_DB=shop'],
      ...['-e', 'PGDATA=/var/lib/postgresql/data/pgdata', 'postgres:16-alpine'],
    ]);
    // over TCP to the container's own address, where the password counts (the socket and loopback trust, as upstream)
    const ip = await docker(A, 'inspect', '-f', '{{.NetworkSettings.IPAddress}}', c);
    const psql = (password: string, q: string) => docker(A, 'exec', '-e', `PGPASSWORD=${password}`, c, 'psql', '-h', ip, '-U', 'app', '-d', 'shop', '-tAc', q);
    expect(await retry('a query as app', () => psql('Pg-password-0123', "SELECT current_user || '@' || current_database()"), 60_000)).toBe('app@shop');
    await expect(psql('wrong', 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    expect(await docker(A, 'exec', c, 'cat', '/var/lib/postgresql/data/pgdata/PG_VERSION')).toMatch(/^\d+$/);
  });

  it('memcached takes its arguments and answers stats', async () => {
    const c = await start('memcached', ['-p', '127.0.0.1::11211', 'memcached:1.6-alpine', 'memcached', '-m', '32', '-c', '100']);
    const port = await publishedPort(c, 11211);
    const stats = await retry('memcached stats', () => talk(port, 'stats\r\n', /END\r\n/).then((s) => (s.includes('STAT pid') ? s : null)));
    expect(stats).toContain(`STAT limit_maxbytes ${32 * 1024 * 1024}\r\n`);
    expect(stats).toContain('STAT max_connections 100\r\n');
  });

  it('mosquitto with its default configuration: a message published is received', async () => {
    const c = await start('mosquitto', ['eclipse-mosquitto:2.0.18']);
    const roundTrip = () =>
      docker(A, 'exec', c, 'sh', '-c', 'mosquitto_sub -t berth/t -C 1 -W 10 & sleep 0.5; mosquitto_pub -t berth/t -m "hello over MQTT"; wait');
    expect(await retry('an MQTT round trip', roundTrip)).toBe('hello over MQTT');
  });

  it('registry answers the v2 API on 5000 with its storage in /var/lib/registry', async () => {
    const c = await start('registry', ['-p', '127.0.0.1::5000', '-e', 'REGISTRY_STORAGE_DELETE_ENABLED=true', 'registry:2.8.3']);
    expect(await ok(c, 5000, '/v2/')).toBe('{}');
    expect(await docker(A, 'inspect', '-f', '{{json .Config.Volumes}}', c)).toContain('/var/lib/registry');
  });

  it('prometheus takes flags as its arguments, reports ready and scrapes itself', async () => {
    const c = await start('prometheus', [
      ...['-p', '127.0.0.1::9090', 'prom/prometheus:v2.54.1', '--config.file=/etc/prometheus/prometheus.yml'],
      ...['--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=1d', '--web.enable-lifecycle'],
    ]);
    expect(await ok(c, 9090, '/-/ready')).toMatch(/Ready/);
    const flags = JSON.parse(await ok(c, 9090, '/api/v1/status/flags')) as { data: Record<string, string> };
    expect(flags.data['storage.tsdb.retention.time']).toBe('1d');
  });

  it('adminer shows its login form, with ADMINER_DEFAULT_SERVER as the server', async () => {
    const c = await start('adminer', ['-p', '127.0.0.1::8080', '-e', 'ADMINER_DEFAULT_SERVER=mydb', '-e', 'ADMINER_DESIGN=nette', 'adminer:4.8.1']);
    const page = await ok(c, 8080, '/');
    expect(page).toMatch(/<title>Login - Adminer<\/title>/);
    expect(page).toContain('name="auth[server]" value="mydb"');
    expect(await ok(c, 8080, '/adminer.css')).toMatch(/\{/);
  });
});
