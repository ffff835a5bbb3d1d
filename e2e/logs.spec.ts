import { expect, test } from '@playwright/test';
import { docker, harness } from './support';

const h = harness();

test.describe.configure({ mode: 'serial' });
const name = `logs-${Date.now().toString(36)}`;
// 300 numbered lines, one stderr line, one coloured line, then (once /tmp/go exists) one more line. The Engine
// copies stdout and stderr separately, so lines of the two streams written together may be stored in either order:
// the pauses keep the order this test expects.
const script = [
  'for i in $(seq 1 300); do echo "line $i"; done',
  'sleep 0.3',
  'echo "WARN disk almost full" >&2',
  'sleep 0.3',
  'printf "\\033[32mgreen ok\\033[0m\\n"',
  'while [ ! -f /tmp/go ]; do sleep 0.1; done',
  'echo "brand new line"',
  'sleep 600',
].join('; ');

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
});

test('shows, searches, filters and follows a container’s logs', async ({ page }) => {
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sh', '-c', script);
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page).toHaveURL(/tab=logs/);

  const viewer = page.getByTestId('logs-viewer');
  const lines = viewer.getByTestId('log-line');
  await expect(viewer).toHaveAttribute('data-lines', '302');
  await expect(page.getByTestId('logs-following')).toBeVisible();
  // Opened at the bottom: the newest lines are on screen, stderr marked, colours rendered as styles.
  await expect(lines.filter({ hasText: 'line 300' })).toBeVisible();
  await expect(lines.filter({ hasText: 'WARN disk almost full' })).toHaveAttribute('data-stream', 'stderr');
  await expect(viewer.getByText('green ok', { exact: true })).toHaveCSS('color', 'rgb(74, 222, 128)');

  await viewer.getByLabel('Search logs').fill('line 29');
  await expect(page.getByTestId('logs-match-count')).toHaveText('11 matching lines');
  await expect(viewer.getByTestId('log-match').first()).toHaveText('line 29');
  await viewer.getByLabel('Only matching lines').check();
  await expect(lines).toHaveCount(11);
  for (const text of await lines.allTextContents()) expect(text).toContain('line 29');

  await viewer.getByLabel('Only matching lines').uncheck();
  await viewer.getByLabel('Search logs').fill('');
  await expect(viewer.getByTestId('log-match')).toHaveCount(0);
  await docker(h.DOCKER_A_SOCKET, 'exec', name, 'touch', '/tmp/go');
  await expect(lines.filter({ hasText: 'brand new line' })).toBeVisible();
  await expect(viewer).toHaveAttribute('data-lines', '303');
});

test('a removed container ends the open stream with the reason', async ({ page }) => {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByTestId('logs-following')).toBeVisible();
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name);
  await expect(page.getByTestId('logs-end')).toHaveText('Stream ended: container removed');
});
