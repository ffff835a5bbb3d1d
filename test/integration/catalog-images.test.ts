import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, harness, uniqueName } from './support';

/**
 * The stand-in images the catalog's templates name (scripts/harness/catalog-images.sh, built from Debian's packages
 * because no registry is reachable) honour the official images' contract: WordPress + MariaDB from environment
 * variables alone, and a three-node MariaDB Galera cluster behind HAProxy that comes back by itself after a full
 * stop. Daemon A only: building needs containers that reach the Debian mirror, and one engine proves the images.
 */
const run = promisify(execFile);
const h = harness();
const A = h.DOCKER_A_SOCKET;
const ROOT_PW = 'root-Pa55';

const made = { containers: [] as string[], volumes: [] as string[], networks: [] as string[] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls fn (every 500 ms) until it returns a truthy value; the last error or value explains a timeout. */
async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}; last: ${String(last)}`);
    await sleep(500);
  }
}

async function network(): Promise<string> {
  const n = uniqueName('cat-net');
  await docker(A, 'network', 'create', n);
  made.networks.push(n);
  return n;
}

/** docker run -d with a named container and its named volume (both recorded for cleanup) */
async function start(name: string, args: string[]): Promise<string> {
  made.containers.push(name);
  await docker(A, 'run', '-d', '--name', name, ...args);
  return name;
}

async function volume(): Promise<string> {
  const v = uniqueName('cat-vol');
  made.volumes.push(v);
  return v;
}

/** One SQL statement run with the mariadb client inside container `via`, against `host` (default: itself). */
const sql = (via: string, query: string, host = '127.0.0.1') =>
  docker(A, 'exec', via, 'mariadb', '-h', host, '-uroot', `-p${ROOT_PW}`, '-N', '-B', '-e', query);

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
}

async function publishedPort(container: string, port: number): Promise<string> {
  const out = await docker(A, 'port', container, String(port));
  return out.split('\n')[0].split(':').pop() ?? '';
}

beforeAll(async () => {
  // Builds them on the first run of a machine (a few minutes), then loads the cached tarballs.
  const script = path.resolve(__dirname, '../../scripts/harness/catalog-images.sh');
  await run('bash', [script, 'load', A, h.DOCKER_CLI], { timeout: 900_000 });
}, 900_000);

afterAll(async () => {
  if (made.containers.length) await docker(A, 'rm', '-f', ...made.containers).catch(() => undefined);
  for (const v of made.volumes) await docker(A, 'volume', 'rm', '-f', v).catch(() => undefined);
  for (const n of made.networks) await docker(A, 'network', 'rm', n).catch(() => undefined);
});

describe('catalog stand-in images', () => {
  it('tags each image as the templates name it', async () => {
    // The templates' tags only: the load also tags :latest, but the stack suites tag their own busybox stand-in as
    // wordpress:latest (the seed file says `image: wordpress`) and untag it when done, so that tag is not ours to check.
    const tags = ['mariadb:11', 'wordpress:6', 'haproxy:2.6', 'haproxy:3.0-alpine', 'nginx:1.27-alpine', 'redis:7.4-alpine', 'postgres:16-alpine'];
    tags.push('memcached:1.6-alpine', 'eclipse-mosquitto:2.0.18', 'registry:2.8.3', 'prom/prometheus:v2.54.1', 'adminer:4.8.1');
    for (const tag of tags) {
      expect(await docker(A, 'image', 'inspect', '-f', '{{.Id}}', tag)).toMatch(/^sha256:/);
    }
  });

  it('WordPress + MariaDB from environment variables serve the install page, and survive restarting both', async () => {
    const net = await network();
    const db = uniqueName('cat-wpdb');
    const wp = uniqueName('cat-wp');
    await start(db, [
      '--network',
      net,
      '--network-alias',
      'db',
      '-v',
      `${await volume()}:/var/lib/mysql`,
      '-e',
      `MARIADB_ROOT_PASSWORD=${ROOT_PW}`,
      '-e',
      'MARIADB_DATABASE=wordpress',
      '-e',
      'MARIADB_USER=wp',
      '-e',
      'MARIADB_PASSWORD=wp-Pa55',
      'mariadb:11',
    ]);
    await start(wp, [
      '--network',
      net,
      '-p',
      '127.0.0.1::80',
      '-v',
      `${await volume()}:/var/www/html`,
      '-e',
      'WORDPRESS_DB_HOST=db',
      '-e',
      'WORDPRESS_DB_USER=wp',
      '-e',
      'WORDPRESS_DB_PASSWORD=wp-Pa55',
      '-e',
      'WORDPRESS_DB_NAME=wordpress',
      'wordpress:6',
    ]);
    const installPage = async () => {
      const url = `http://127.0.0.1:${await publishedPort(wp, 80)}/wp-admin/install.php`;
      return eventually(
        'the WordPress install page',
        async () => {
          const r = await get(url);
          return r.status === 200 && r.body.includes('WordPress') ? r : false;
        },
        60_000,
      );
    };
    expect((await installPage()).body).toMatch(/<title>WordPress[^<]*Installation/);
    await docker(A, 'restart', db, wp);
    expect((await installPage()).body).toMatch(/<title>WordPress[^<]*Installation/);
    // the site lives in its volume, with the generated config (not re-copied)
    expect(await docker(A, 'exec', wp, 'grep', '-c', "getenv_docker('WORDPRESS_DB_HOST'", '/var/www/html/wp-config.php')).toBe('1');
  }, 150_000);

  it('a three-node Galera cluster behind HAProxy replicates, survives a stopped node, and comes back after a full stop', async () => {
    const net = await network();
    const nodes = [1, 2, 3].map((i) => uniqueName(`cat-galera${i}`));
    const aliases = ['galera1', 'galera2', 'galera3'];
    const galeraArgs = [
      '--wsrep-on=ON',
      '--wsrep-provider=/usr/lib/galera/libgalera_smm.so',
      `--wsrep-cluster-address=gcomm://${aliases.join(',')}`,
      '--wsrep-cluster-name=berth-test',
      '--wsrep-sst-method=rsync',
      '--binlog-format=ROW',
      '--innodb-autoinc-lock-mode=2',
    ];
    // all three at once, as a stack deploy starts them
    await Promise.all(
      nodes.map(async (n, i) =>
        start(n, [
          '--network',
          net,
          '--network-alias',
          aliases[i],
          '--hostname',
          aliases[i],
          '-v',
          `${await volume()}:/var/lib/mysql`,
          '-e',
          `MARIADB_ROOT_PASSWORD=${ROOT_PW}`,
          'mariadb:11',
          ...galeraArgs,
        ]),
      ),
    );
    const lbConfig = [
      'global',
      '  log stdout format raw local0',
      // Docker's DNS: a stopped node's name disappears, and comes back with it
      'resolvers docker',
      '  nameserver dns 127.0.0.11:53',
      '  hold valid 1s',
      'defaults',
      '  mode tcp',
      '  timeout connect 2s',
      '  timeout check 1s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  retries 3',
      '  option redispatch',
      'frontend mysql',
      '  bind :3306',
      '  default_backend galera',
      'backend galera',
      '  balance roundrobin',
      '  default-server check inter 1s fall 2 rise 2 resolvers docker init-addr last,libc,none',
      ...aliases.map((a) => `  server ${a} ${a}:3306`),
    ].join('\n');
    const lb = uniqueName('cat-lb');
    await start(lb, ['--network', net, '--network-alias', 'lb', '-p', '127.0.0.1::3306', '-e', `HAPROXY_CONFIG=${lbConfig}`, 'haproxy:2.6']);

    const synced = (running: string[]) =>
      eventually(
        `${running.length} Galera nodes synced in a cluster of 3`,
        async () => {
          for (const n of running) {
            const status = await sql(n, "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment')");
            if (!status.includes('wsrep_cluster_size\t3') || !status.includes('wsrep_local_state_comment\tSynced')) return false;
          }
          return true;
        },
        120_000,
      );

    await synced(nodes);
    for (const n of nodes) expect(await sql(n, "SHOW STATUS LIKE 'wsrep_cluster_size'")).toBe('wsrep_cluster_size\t3');

    await sql(
      nodes[0],
      "CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40)); INSERT INTO shop.orders VALUES (1, 'written on node 1')",
    );
    expect(await sql(nodes[2], 'SELECT item FROM shop.orders WHERE id = 1')).toBe('written on node 1');
    // through the load balancer, from a client on the same network
    expect(await eventually('the LB', () => sql(nodes[0], 'SELECT item FROM shop.orders WHERE id = 1', 'lb'), 20_000)).toBe('written on node 1');

    // one node down: the LB keeps answering (every query of a row, spread over the two live nodes)
    await docker(A, 'stop', '-t', '60', nodes[1]);
    await sleep(4000); // health checks mark it down (inter 1s, fall 2, 1 s check timeout)
    const served = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const out = await sql(nodes[2], 'SELECT @@hostname, item FROM shop.orders WHERE id = 1', 'lb');
      const [host, item] = out.split('\t');
      expect(item).toBe('written on node 1');
      served.add(host);
    }
    expect([...served].sort()).toEqual(['galera1', 'galera3']);
    await sql(nodes[2], "INSERT INTO shop.orders VALUES (2, 'written while node 2 was down')", 'lb');
    await docker(A, 'start', nodes[1]);
    await synced(nodes);
    expect(await sql(nodes[1], 'SELECT item FROM shop.orders WHERE id = 2')).toBe('written while node 2 was down');

    // a full stop (all at once), then all started again at once: the nodes elect one to bootstrap, no manual step
    await docker(A, 'stop', '-t', '60', ...nodes);
    await docker(A, 'start', ...nodes);
    await synced(nodes);
    for (const n of nodes) expect(await sql(n, 'SELECT COUNT(*) FROM shop.orders')).toBe('2');
    expect(await eventually('the LB after the full stop', () => sql(nodes[0], 'SELECT item FROM shop.orders WHERE id = 2', 'lb'), 20_000)).toBe(
      'written while node 2 was down',
    );
    const logs = (await Promise.all(nodes.map((n) => run(h.DOCKER_CLI, ['-H', `unix://${A}`, 'logs', n]).then((r) => r.stdout + r.stderr)))).join('\n');
    expect(logs.match(/is the most advanced .*: bootstrapping/g)?.length).toBe(2); // once fresh, once after the full stop
  }, 300_000);
});
