import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { deployTuning } from '@/server/stacks/service';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, freshBerth, harness, params, req, stackNamer, waitFor } from './support';

/**
 * The built-in WordPress, MariaDB Galera and WordPress-on-Galera templates launched through the API on daemon A, with
 * the harness's stand-in images (scripts/harness/catalog-images.sh: the official images' contract, built from
 * Debian's packages), and checked from the outside as a user would: the published port, SQL on each node.
 */
const ENGINE = harness().DOCKER_A_SOCKET;
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const projects: string[] = [];

const project = stackNamer(projects);

/** A TCP port nothing listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function launch(template: string, stack: string, answers: Record<string, unknown>): Promise<void> {
  const res = await deployRoute.POST(
    req(`/api/v1/hosts/${host}/catalog/${template}/deploy`, { method: 'POST', json: { stack, answers, wait: true } }),
    params({ id: host, template }),
  );
  const body = await res.json();
  expect(res.status, JSON.stringify(body.error ?? body.operation?.log)).toBe(201);
}

/** The page at a URL of the host, or null while nothing (or an error page) answers. */
async function page(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

const installPage = (port: number) =>
  waitFor(
    `the WordPress installation page on port ${port}`,
    async () => {
      const text = await page(`http://127.0.0.1:${port}/wp-admin/install.php`);
      return text && /WordPress/.test(text) && /install/i.test(text) ? text : null;
    },
    120_000,
  );

/** Runs WordPress's installation as its form would. */
async function install(port: number, title: string): Promise<void> {
  const form = new URLSearchParams({
    weblog_title: title,
    user_name: 'admin',
    admin_password: 'Admin-password-0123',
    admin_password2: 'Admin-password-0123',
    pw_weak: '1',
    admin_email: 'admin@example.com',
    blog_public: '0',
    language: '',
  });
  const res = await fetch(`http://127.0.0.1:${port}/wp-admin/install.php?step=2`, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/Success/);
}

/** One SQL statement on a node (docker exec of the mariadb client), its rows as text; throws on failure. */
const sql = (container: string, password: string, statement: string, user = 'root', host_ = '') =>
  docker(ENGINE, 'exec', container, 'mariadb', `-u${user}`, `-p${password}`, ...(host_ ? ['-h', host_] : []), '-N', '-B', '-e', statement);

const trySql = (...a: Parameters<typeof sql>) => sql(...a).catch(() => null);

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  deployTuning.conditionTimeoutMs = 60_000;
});

afterAll(async () => {
  for (const p of projects.reverse()) await cleanupProject(ENGINE, p);
  await berth?.close();
});

describe('catalog apps on real containers', () => {
  it('WordPress: the public port serves the installation page; the installed site survives a restart of both containers', { timeout: 300_000 }, async () => {
    const name = project('wp');
    const port = await freePort();
    await launch('wordpress', name, { public_port: port });
    expect(await installPage(port)).toMatch(/<html/i);
    await install(port, 'Launched by Berth');
    const home = () => waitFor('the site', async () => ((await page(`http://127.0.0.1:${port}/`)) ?? '').includes('Launched by Berth'), 120_000);
    await home();
    const restart = await api.action(name, 'restart', { wait: true });
    expect(restart.status, await restart.clone().text()).toBe(200);
    await home();
  });

  describe('MariaDB Galera', () => {
    const name = project('galera');
    const root = 'Root-password-0123';
    const password = 'App-password-0123';
    const nodes = () => [1, 2, 3].map((n) => `${name}-db${n}-1`);
    const clusterSize = (node: string) => trySql(node, root, "SHOW STATUS LIKE 'wsrep_cluster_size'").then((out) => out?.split('\t')[1]);
    const allThree = () =>
      waitFor('every node to report wsrep_cluster_size = 3', async () => (await Promise.all(nodes().map(clusterSize))).every((s) => s === '3'), 240_000);

    it('three nodes form one cluster; a row written through one node is read through another', { timeout: 300_000 }, async () => {
      await launch('mariadb-galera', name, {
        root_password: root,
        db_password: password,
        db_name: 'app',
        db_user: 'app',
        cluster_name: 'testcluster',
        lb_port: await freePort(),
      });
      await allThree();
      await sql(nodes()[0], root, 'CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO app.t VALUES (1, "from db1")');
      expect(await waitFor('the row on db3', () => trySql(nodes()[2], root, 'SELECT v FROM app.t WHERE id = 1'), 20_000)).toBe('from db1');
      // the application user, through the load balancer
      expect(await sql(nodes()[1], password, 'SELECT v FROM app.t WHERE id = 1', 'app', 'lb')).toBe('from db1');
    });

    it('the load balancer keeps answering with one node stopped', { timeout: 120_000 }, async () => {
      await docker(ENGINE, 'stop', nodes()[0]);
      // HAProxy sends a connection that cannot reach its node to another one, and takes the node out after two
      // failed checks a second apart: from then on every connection is answered
      await waitFor('an answer through the load balancer', () => trySql(nodes()[1], password, 'SELECT COUNT(*) FROM app.t', 'app', 'lb'), 20_000);
      for (let i = 0; i < 10; i++) expect(await sql(nodes()[1], password, 'SELECT COUNT(*) FROM app.t', 'app', 'lb')).toBe('1');
      await docker(ENGINE, 'start', nodes()[0]);
      await allThree();
    });

    it('after a full stop, Start brings the cluster back with no data lost and no manual step', { timeout: 300_000 }, async () => {
      await sql(nodes()[1], root, 'INSERT INTO app.t VALUES (2, "before stop")');
      const stop = await api.action(name, 'stop', { wait: true });
      expect(stop.status, await stop.clone().text()).toBe(200);
      const start = await api.action(name, 'start', { wait: true });
      expect(start.status, await start.clone().text()).toBe(200);
      await allThree();
      expect(await sql(nodes()[2], root, 'SELECT v FROM app.t ORDER BY id')).toBe('from db1\nbefore stop');
    });

    it('WordPress on Galera: the installation page is served, and its data lands in the cluster', { timeout: 300_000 }, async () => {
      const wp = project('wpg');
      const port = await freePort();
      await launch('wordpress-galera', wp, { database: `${name}/lb`, db_name: 'app', db_user: 'app', db_password: password, public_port: port });
      await installPage(port);
      // run the installation as the form would, then find WordPress's admin user on another node
      await install(port, 'On Galera');
      expect(await waitFor('the admin user on db3', () => trySql(nodes()[2], root, 'SELECT user_login FROM app.wp_users'), 20_000)).toBe('admin');
    });
  });
});
