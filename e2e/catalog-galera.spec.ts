import { expect, type Page, test } from '@playwright/test';
import { docker, freePort, harness, machineName } from './support';

/**
 * Issue #12, "done means": the MariaDB Galera cluster and WordPress on it launched in Chromium by filling the forms
 * the catalog generates from their questions (the service question picks the cluster's load balancer). Daemon A
 * holds the stand-ins of mariadb:11, haproxy:2.6 and wordpress:6 (scripts/harness/catalog-images.sh).
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const tag = Date.now().toString(36);
const galera = `gal-${tag}`;
const wp = `galwp-${tag}`;
const PASSWORD = 'Galera-e2e-password-1';
const nodes = [1, 2, 3].map((n) => `${galera}-db${n}-1`);

test.describe.configure({ mode: 'serial' });

let local = '';

/** One statement as the cluster's application user on a node (docker exec of its mariadb client); null while it cannot answer. */
const sql = (node: string, statement: string) => docker(A, 'exec', node, 'mariadb', '-uapp', `-p${PASSWORD}`, '-N', '-B', '-e', statement).catch(() => null);

async function launch(page: Page, template: string, stack: string, fill: () => Promise<void>, creates: number) {
  await page.goto(`/catalog/${template}?host=${local}`);
  await page.getByLabel('Stack name').fill(stack);
  await fill();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Plan: ${creates} to create`) })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/stacks/${local}/${stack}`);
  await expect(page.getByText('deploy · succeeded')).toBeVisible({ timeout: 300_000 });
}

test.beforeAll(async ({ request }) => {
  const hosts = ((await (await request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] }).hosts;
  local = hosts.find((x) => x.name === machineName())!.id;
});

test.afterAll(async ({ request }) => {
  for (const stack of [wp, galera]) {
    await request.post(`/api/v1/hosts/${local}/stacks/${stack}/down`, { data: { removeVolumes: true, wait: true } }).catch(() => undefined);
    const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${stack}`).catch(() => '');
    if (ids) await docker(A, 'rm', '-f', '-v', ...ids.split('\n')).catch(() => undefined);
    const vols = await docker(A, 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${stack}`).catch(() => '');
    if (vols) await docker(A, 'volume', 'rm', ...vols.split('\n')).catch(() => undefined);
    await docker(A, 'network', 'rm', `${stack}_default`).catch(() => undefined);
    await request.delete(`/api/v1/hosts/${local}/stacks/${stack}`).catch(() => undefined);
  }
});

test('the Galera form launches three nodes that form one cluster behind the load balancer', async ({ page }) => {
  test.setTimeout(420_000);
  const lbPort = await freePort();
  await launch(
    page,
    'mariadb-galera',
    galera,
    async () => {
      // the root password is left to be generated; the application user's is required
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByLabel(/^Cluster name/).fill(`e2e_${tag}`);
      await page.getByLabel(/^Load balancer port/).fill(String(lbPort));
    },
    4,
  );
  const size = async () => (await Promise.all(nodes.map((n) => sql(n, "SHOW STATUS LIKE 'wsrep_cluster_size'")))).map((out) => out?.split('\t')[1]);
  await expect.poll(size, { timeout: 240_000, intervals: [2000] }).toEqual(['3', '3', '3']);
  expect(await sql(nodes[0], "SHOW VARIABLES LIKE 'wsrep_cluster_name'")).toBe(`wsrep_cluster_name\te2e_${tag}`);
  // a row written through one node is read through another, and through the load balancer
  await sql(nodes[0], 'CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO app.t VALUES (1, "from db1")');
  await expect.poll(() => sql(nodes[2], 'SELECT v FROM app.t WHERE id = 1'), { timeout: 20_000 }).toBe('from db1');
  expect(await docker(A, 'exec', nodes[1], 'mariadb', '-uapp', `-p${PASSWORD}`, '-h', 'lb', '-N', '-B', '-e', 'SELECT v FROM app.t')).toBe('from db1');
});

test("the WordPress-on-Galera form picks the cluster with its service question, and the site's data lands in the cluster", async ({ page, request }) => {
  test.setTimeout(300_000);
  const port = await freePort();
  await launch(
    page,
    'wordpress-galera',
    wp,
    async () => {
      await page.getByLabel(/^Galera cluster/).selectOption(`${galera}/lb`);
      await page.getByLabel(/^Database password/).fill(PASSWORD);
      await page.getByLabel(/^Public port/).fill(String(port));
    },
    1,
  );
  await expect
    .poll(
      async () => {
        const res = await request.get(`http://127.0.0.1:${port}/wp-admin/install.php`).catch(() => null);
        return res !== null && res.status() === 200 && (await res.text()).includes('WordPress');
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe(true);
  // WordPress's installation, as its form posts it: its tables are then on every node of the cluster
  const form = {
    weblog_title: 'On Galera',
    user_name: 'admin',
    admin_password: 'Admin-e2e-Password-2026!',
    admin_password2: 'Admin-e2e-Password-2026!',
    pw_weak: '1',
    admin_email: 'admin@example.com',
    blog_public: '0',
    language: '',
  };
  const installed = await request.post(`http://127.0.0.1:${port}/wp-admin/install.php?step=2`, { form, timeout: 120_000 });
  expect(installed.status()).toBe(200);
  expect(await installed.text()).toContain('Success');
  await expect.poll(() => sql(nodes[2], 'SELECT user_login FROM app.wp_users'), { timeout: 20_000 }).toBe('admin');
});
