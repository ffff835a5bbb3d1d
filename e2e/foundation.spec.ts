import { expect, test } from '@playwright/test';
import { daemonPid, docker, harness, machineName, read } from './support';

const h = harness();
const cliName = `cli-${Date.now().toString(36)}`;

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', cliName).catch(() => undefined);
});

test('a fresh Berth registers the local Docker socket as a host named after the machine', async ({ page }) => {
  await page.goto('/hosts');
  const row = page.locator(`[data-testid="host-row"][data-name="${machineName()}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'online');
});

test('a wrong CA certificate is refused with a clear message and nothing is saved', async ({ page }) => {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('TCP + TLS', { exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill('bad-ca');
  await page.getByLabel('Address', { exact: true }).fill(h.DOCKER_B_TCP_HOST);
  await page.getByLabel('Port', { exact: true }).fill(h.DOCKER_B_TCP_PORT);
  await page.getByLabel('CA certificate', { exact: true }).fill(read(h.TLS_WRONG_CA));
  await page.getByLabel('Client certificate', { exact: true }).fill(read(h.TLS_CLIENT_CERT));
  await page.getByLabel('Client key', { exact: true }).fill(read(h.TLS_CLIENT_KEY));
  await page.getByRole('button', { name: 'Save host' }).click();
  await expect(page.getByTestId('host-form-error')).toContainText('not signed by the CA certificate you gave');
  const hosts = await (await page.request.get('/api/v1/hosts')).json();
  expect(hosts.hosts.map((x: { name: string }) => x.name)).not.toContain('bad-ca');
});

test('registers a second daemon over TCP with mutual TLS through the UI', async ({ page }) => {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('TCP + TLS', { exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill('b-tls');
  await page.getByLabel('Address', { exact: true }).fill(h.DOCKER_B_TCP_HOST);
  await page.getByLabel('Port', { exact: true }).fill(h.DOCKER_B_TCP_PORT);
  await page.getByLabel('CA certificate', { exact: true }).fill(read(h.TLS_CA));
  await page.getByLabel('Client certificate', { exact: true }).fill(read(h.TLS_CLIENT_CERT));
  await page.getByLabel('Client key', { exact: true }).fill(read(h.TLS_CLIENT_KEY));
  await page.getByRole('button', { name: 'Save host' }).click();
  // The new host's Engine facts are shown as proof that the connection works.
  const version = (await docker(h.DOCKER_B_SOCKET, 'version', '--format', '{{.Server.Version}}')).trim();
  await expect(page.getByTestId('host-added')).toContainText(version);
  await page.goto('/hosts');
  const row = page.locator('[data-testid="host-row"][data-name="b-tls"]');
  await expect(row).toHaveAttribute('data-status', 'online');
  await expect(row).toContainText(version);
});

// How fast is measured by bench/p2.ts (event to row, side by side with the Engine); here only that it arrives live.
test('a container started with the docker CLI appears in the open page without a reload', async ({ page }) => {
  await page.goto('/containers');
  await expect(page.locator('[data-testid="live-indicator"][data-state="live"]')).toBeVisible();
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', cliName, h.TEST_IMAGE, 'sleep', '600');
  const row = page.locator(`[data-testid="container-row"][data-name="${cliName}"]`);
  await expect(row).toHaveAttribute('data-state', 'running');
});

test('stopping it from the UI leaves it exited for the docker CLI', async ({ page }) => {
  await page.goto('/containers');
  await page.locator(`[data-testid="container-row"][data-name="${cliName}"]`).getByRole('link', { name: cliName }).click();
  await expect(page.getByRole('heading', { name: cliName })).toBeVisible();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('toast')).toContainText(`Container ${cliName} stopped`, { timeout: 30_000 });
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'exited');
  expect(await docker(h.DOCKER_A_SOCKET, 'inspect', '-f', '{{.State.Status}}', cliName)).toBe('exited');
});

test('an unreachable host is marked offline within 5 s while the other host keeps working', async ({ page }) => {
  const pid = daemonPid(h.DOCKER_B_SOCKET);
  await page.goto('/hosts');
  const row = page.locator('[data-testid="host-row"][data-name="b-tls"]');
  await expect(row).toHaveAttribute('data-status', 'online');
  process.kill(pid, 'SIGSTOP');
  try {
    await expect(row).toHaveAttribute('data-status', 'offline', { timeout: 5000 });
    await expect(row).toContainText('did not answer in time');
    await page.goto('/containers');
    await expect(page.locator(`[data-testid="container-row"][data-name="${cliName}"]`)).toBeVisible({ timeout: 2000 });
    await expect(page.getByTestId('host-offline-notice')).toContainText('b-tls');
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await page.goto('/hosts');
  await expect(row).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
});

test('closing a tab releases its live stream on the server', async ({ browser, request }) => {
  const count = async () => (await (await request.get('/api/health')).json()).liveSubscribers as number;
  // The earlier tests' pages are closed by now: their streams must all be gone too.
  await expect.poll(count, { timeout: 10_000 }).toBe(0);
  const page = await browser.newPage();
  await page.goto('/containers');
  await expect(page.locator('[data-testid="live-indicator"][data-state="live"]')).toBeVisible();
  await expect.poll(count).toBe(1);
  await page.close();
  await expect.poll(count, { timeout: 10_000 }).toBe(0);
});
