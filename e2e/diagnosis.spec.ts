import { expect, test } from '@playwright/test';
import { docker, harness } from './support';

const h = harness();
const name = `why-${Date.now().toString(36)}`;

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
});

test('a crashed container’s Why? panel names the exit code and quotes the log line', async ({ page }) => {
  await docker(h.DOCKER_A_SOCKET, 'run', '--name', name, h.TEST_IMAGE, 'sh', '-c', 'echo "FATAL: config file /etc/app.conf is missing" >&2; exit 1').catch(
    () => undefined,
  );
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'exited');

  // collapsed until asked: the panel's code and its request wait for the press
  const why = page.getByTestId('why-button');
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('why-panel')).toHaveCount(0);
  await why.click();
  const hint = page.getByTestId('why-hint').first();
  await expect(hint).toHaveAttribute('data-rule', 'exit-code');
  await expect(hint).toContainText('App error');
  await expect(hint).toContainText('exit code 1; last log line: "FATAL: config file /etc/app.conf is missing"');
  await expect(hint).toContainText('fix what they name');
  await expect(page.getByTestId('why-logs')).toContainText('FATAL: config file /etc/app.conf is missing');
});
