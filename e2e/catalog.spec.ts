import { expect, test } from '@playwright/test';
import { docker, freePort, harness, machineName } from './support';

/**
 * Issue #12, the catalog's launch flow in the browser: search, open a template, fill the form generated from its
 * questions, Preview the exact compose file, Deploy, follow the deploy on the new stack's page, and reach the app.
 * Daemon A (the local host here) holds stand-ins of wordpress:6 and mariadb:11 (scripts/harness/README.md).
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const tag = Date.now().toString(36);
const name = `cat-wp-${tag}`;
const refused = `cat-bad-${tag}`;

test.describe.configure({ mode: 'serial' });

let local = '';

test.beforeAll(async ({ request }) => {
  const hosts = ((await (await request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] }).hosts;
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  local = a!.id;
});

test.afterAll(async ({ request }) => {
  for (const stack of [name, refused]) {
    const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${stack}`).catch(() => '');
    if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
    await docker(A, 'volume', 'rm', `${stack}_wordpress`, `${stack}_db`).catch(() => undefined);
    await docker(A, 'network', 'rm', `${stack}_default`).catch(() => undefined);
    await request.delete(`/api/v1/hosts/${local}/stacks/${stack}`).catch(() => undefined);
  }
});

test('search the catalog, fill the WordPress form, preview the compose file, deploy it and reach WordPress', async ({ page, request }) => {
  test.setTimeout(300_000);
  const port = await freePort();
  await page.goto(`/catalog?host=${local}`);
  // the admin finds where more catalogs are added
  await expect(page.getByRole('link', { name: 'Catalog sources' })).toHaveAttribute('href', '/settings#catalog-sources');
  await page.getByTestId('catalog-search').fill('wordpress');
  const card = page.locator('[data-testid="catalog-card"][data-id="wordpress"]');
  await expect(card).toBeVisible();
  // its logo follows the card from Berth's own URL, and the browser has it drawn
  const logo = card.locator('img');
  await expect(logo).toHaveAttribute('src', /^\/api\/v1\/catalog\/wordpress\/logo\?v=[0-9a-f]{16}$/);
  await expect.poll(() => logo.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  await card.getByRole('link', { name: 'WordPress', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/catalog/wordpress');

  await expect(page.getByTestId('catalog-readme')).toBeVisible();
  await expect(page.getByLabel('Version', { exact: true })).toHaveValue(/^6/);
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue(local);
  await page.getByLabel('Stack name').fill(name);
  await page.getByLabel(/^Public port/).fill(String(port));
  // passwords are masked and left empty: the server generates them
  const password = page.getByLabel('Database password', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', 'generated if left empty');

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('catalog-preview');
  await expect(preview).toContainText('image: wordpress:6');
  await expect(preview).toContainText('image: mariadb:11');
  await expect(preview).toContainText(`${port}:80`);
  // every password in the file is a reference to the stack's sealed .env, never a value
  const text = (await preview.textContent()) ?? '';
  const passwordLines = text.split('\n').filter((l) => /PASSWORD:/.test(l));
  expect(passwordLines.length).toBeGreaterThan(0);
  for (const l of passwordLines) expect(l).toMatch(/PASSWORD: "?\$\{\w+\}"?\s*$/);

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/stacks/${local}/${name}`);
  await expect(page.getByText('deploy · succeeded')).toBeVisible({ timeout: 240_000 });

  await expect
    .poll(
      async () => {
        const res = await request.get(`http://127.0.0.1:${port}/wp-admin/install.php`).catch(() => null);
        return res && res.status() === 200 && (await res.text()).includes('WordPress');
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe(true);
});

test('an out-of-range port or an empty required field is shown at its field, and nothing is deployed', async ({ page, request }) => {
  await page.goto(`/catalog/wordpress?host=${local}`);
  await page.getByLabel('Stack name').fill(refused);
  await page.getByLabel(/^Public port/).fill('70000');
  await page.getByLabel(/^Database name/).fill('');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText('Public port must be at most 65535')).toBeVisible();
  await expect(page.getByText('Database name is required')).toBeVisible();
  await expect(page.getByLabel(/^Public port/)).toHaveAttribute('aria-invalid', 'true');

  // the server says the same in its own words when the form's check is passed by
  const res = await request.post(`/api/v1/hosts/${local}/catalog/wordpress/deploy`, { data: { stack: refused, answers: { public_port: 70000 } } });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('Public port must be at most 65535');

  await expect(page).toHaveURL(/\/catalog\/wordpress/);
  const stacks = ((await (await request.get(`/api/v1/hosts/${local}/stacks`)).json()) as { stacks: { name: string }[] }).stacks;
  expect(stacks.map((s) => s.name)).not.toContain(refused);
});
