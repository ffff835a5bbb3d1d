import { expect, test } from '@playwright/test';
import { docker, harness } from './support';

const h = harness();
const name = `term-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '600');
});
test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
});

test('a shell in the container from the browser, ended when the tab closes', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Terminal' }).click();
  // the page connects with the default shell on open
  await expect(page.getByTestId('exec-status')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('terminal').click();
  await page.keyboard.type('echo berth-$((6*7))\n');
  await expect(page.locator('.xterm-rows')).toContainText('berth-42');
  await page.keyboard.type('sleep 4343\n');
  const ps = () => docker(h.DOCKER_A_SOCKET, 'exec', name, 'ps', '-o', 'args');
  await expect.poll(ps).toContain('sleep 4343');
  await page.close();
  await expect.poll(ps, { timeout: 10_000 }).not.toContain('sleep 4343');
});

test('a missing shell is explained, not shown as a dead terminal', async ({ page }) => {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Terminal' }).click();
  await page.getByLabel('Shell or command').fill('bash');
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await expect(page.getByTestId('exec-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('exec-status')).toContainText('"bash" does not exist in this container');
});
