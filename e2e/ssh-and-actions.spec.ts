import { expect, test } from '@playwright/test';
import { docker, harness } from './support';

const h = harness();

test.describe.configure({ mode: 'serial' });

test('adds a host over SSH after confirming its host key, then removes it', async ({ page }) => {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('SSH', { exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill('a-ssh');
  await page.getByLabel('Address', { exact: true }).fill(h.SSH_HOST);
  await page.getByLabel('Port', { exact: true }).fill(h.SSH_PORT);
  await page.getByLabel('User', { exact: true }).fill(h.SSH_USER);
  await page.getByTestId('upload-privateKey').setInputFiles(h.SSH_KEY);
  await page.getByLabel('Remote socket path', { exact: true }).fill(h.DOCKER_B_SOCKET);
  await page.getByRole('button', { name: 'Fetch host key' }).click();
  await expect(page.getByTestId('fetched-fingerprint')).toHaveText(h.SSH_HOST_FINGERPRINT);
  await page.getByLabel('I have checked this fingerprint').check();
  await expect(page.getByLabel('Host key fingerprint', { exact: true })).toHaveValue(h.SSH_HOST_FINGERPRINT);
  await page.getByRole('button', { name: 'Save host' }).click();
  await expect(page.getByTestId('host-added')).toBeVisible();

  await page.goto('/hosts');
  const row = page.locator('[data-testid="host-row"][data-name="a-ssh"]');
  await expect(row).toHaveAttribute('data-status', 'online');
  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('button', { name: 'Remove host' }).click();
  await expect(row).toHaveCount(0);
});

test('a socket path that does not exist is refused in the form, naming the path', async ({ page }) => {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('Local socket', { exact: true }).check();
  await page.getByLabel('Name', { exact: true }).fill('nowhere');
  await page.getByLabel('Socket path', { exact: true }).fill('/run/nothing-here.sock');
  await page.getByRole('button', { name: 'Save host' }).click();
  await expect(page.getByTestId('host-form-error')).toContainText('No Docker socket at unix:///run/nothing-here.sock');
});

test('renames and force-removes a container from its page', async ({ page }) => {
  const name = `ui-${Date.now().toString(36)}`;
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '600');
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();

  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByLabel('New name').fill(`${name}-2`);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-name', `${name}-2`);
  expect(await docker(h.DOCKER_A_SOCKET, 'inspect', '-f', '{{.Name}}', `${name}-2`)).toBe(`/${name}-2`);

  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByLabel('Force (stop if running)').check();
  await page.getByRole('button', { name: 'Remove container' }).click();
  await expect(page).toHaveURL(/\/containers$/);
  await expect(docker(h.DOCKER_A_SOCKET, 'inspect', `${name}-2`)).rejects.toThrow(/No such/);
});

test('dark mode is remembered across reloads', async ({ page }) => {
  await page.goto('/containers');
  const dark = page.getByRole('button', { name: 'Dark mode' });
  const wasDark = (await dark.getAttribute('aria-pressed')) === 'true';
  await dark.click();
  await page.reload();
  await expect(page.locator('html')).toHaveClass(wasDark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
});

test('on a phone the sidebar folds into a menu', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await page.goto('/containers');
  await expect(page.getByRole('link', { name: 'Hosts' })).toBeHidden();
  await page.getByRole('button', { name: 'Open menu' }).click();
  await page.getByRole('link', { name: 'Hosts' }).click();
  await expect(page).toHaveURL(/\/hosts/);
  await page.close();
});
