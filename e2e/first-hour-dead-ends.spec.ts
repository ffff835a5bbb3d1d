import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Issue #15 point 7, "dead ends": a stack's containers link to their pages, a stack started outside Berth opens
 * read-only and says it can be adopted, the stack page names its host and leads back, and the terminal names its
 * container and connects as soon as it opens. At a laptop's 1440×900.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const tag = Date.now().toString(36);
const managed = `de-stack-${tag}`;
const external = `de-cli-${tag}`;
const shell = `de-shell-${tag}`;
const SLEEP = `["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`;

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

let local = '';

test.beforeAll(async ({ request }) => {
  const hosts = ((await (await request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] }).hosts;
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  local = a!.id;
});

test.afterAll(async () => {
  for (const name of [managed, external]) {
    const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
    if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
    await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
  }
  await docker(A, 'rm', '-f', shell).catch(() => undefined);
});

async function deployed(page: Page) {
  const res = await page.request.post(`/api/v1/hosts/${local}/stacks`, {
    data: { name: managed, compose: `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    command: ${SLEEP}\n`, env: '', deploy: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto(`/stacks/${local}/${managed}`);
  await expect(page.getByRole('link', { name: `${managed}-web-1` })).toBeVisible({ timeout: 30_000 });
}

test('a container listed on a stack page links to its container page', async ({ page }) => {
  await deployed(page);
  const id = await docker(A, 'inspect', '-f', '{{.Id}}', `${managed}-web-1`);
  await page.getByRole('link', { name: `${managed}-web-1` }).click();
  await page.waitForURL(`**/hosts/${local}/containers/${id}`);
  await expect(page.getByRole('heading', { name: `${managed}-web-1` })).toBeVisible();
});

test('the stack page names its host and leads back to the stacks list', async ({ page }) => {
  await page.goto(`/stacks/${local}/${managed}`);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: machineName() })).toHaveAttribute('href', `/hosts/${local}`);
  await crumbs.getByRole('link', { name: 'All stacks' }).click();
  await page.waitForURL((u) => u.pathname === '/stacks');
  await expect(page.getByRole('heading', { name: 'Stacks' })).toBeVisible();
});

test('a stack started outside Berth opens read-only, says it can be adopted, and becomes editable once adopted', async ({ page }) => {
  await docker(
    A,
    'run',
    '-d',
    '--name',
    `${external}-web-1`,
    '--label',
    `com.docker.compose.project=${external}`,
    '--label',
    'com.docker.compose.service=web',
    h.TEST_IMAGE,
    'sleep',
    '3600',
  );
  await page.goto(`/stacks?host=${local}`);
  await page.locator(`[data-testid="stack-row"][data-name="${external}"]`).getByRole('link', { name: external }).click();
  await page.waitForURL((u) => u.pathname === `/stacks/${local}/${external}`);

  await expect(page.getByText('Read-only: this stack was started outside Berth. Adopt it')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(machineName());
  // nothing that needs a file Berth does not have yet
  for (const name of ['Save', 'Plan', 'Deploy', 'Scale', 'Start', 'Stop', 'Restart', 'Down', 'Export'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Replicas')).toHaveCount(0);
  await expect(page.getByRole('link', { name: `${external}-web-1` })).toBeVisible();

  await page.getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeVisible();
  await expect(page.getByText('Read-only')).toHaveCount(0);
  await expect(page.locator('.cm-content')).toContainText('web:');
});

test('the terminal names its container and connects as soon as it opens', async ({ page }) => {
  const id = await docker(A, 'run', '-d', '--name', shell, h.TEST_IMAGE, 'sleep', '600');
  await page.goto(`/hosts/${local}/containers/${id}/terminal`);
  await expect(page.getByRole('heading', { name: `Terminal: ${shell}` })).toBeVisible();
  await expect(page.getByTestId('exec-status')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('terminal').click();
  await page.keyboard.type('echo dead-$((6*7))\n');
  await expect(page.locator('.xterm-rows')).toContainText('dead-42');
  // the form stays, to reconnect with another shell or user
  await expect(page.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  await expect(page.getByLabel('Shell or command')).toHaveValue('sh');
});
