import { expect, test } from '@playwright/test';
import { docker, harness } from './support';

/**
 * Issue #17 point 1 in the browser (an admin): Settings › Alerts adds a container-died rule (narrowed to this spec's
 * label, so other suites' containers on daemon A do not count), a container exits 3 on daemon A, the bell shows 1
 * without a reload (the live stream), its item links to the container, and the container page shows "Alert: …".
 * Starting the container again (it keeps running the second time) resolves it: the bell empties.
 */
const h = harness();
const tag = Date.now().toString(36);
const container = `alerts-e2e-${tag}`;
const ruleName = `died-${tag}`;

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', container).catch(() => undefined);
});

test('a rule made in Settings › Alerts fires on a dying container; the bell and the container page show it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/alerts$/);
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an alert rule' });
  await dialog.getByLabel('Name').fill(ruleName);
  await dialog.getByLabel('Alert when').selectOption('container-died');
  await dialog.getByLabel('Label').fill('=bad');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog.getByText('Label is "key" (the label is set) or "key=value", e.g. com.example.team=web')).toBeVisible();
  await dialog.getByLabel('Label').fill(`io.berth.e2e-alerts=${tag}`);
  await dialog.getByLabel('Severity').selectOption('critical');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('rule-row').filter({ hasText: ruleName })).toContainText('Container died (non-zero exit)');

  const bell = page.getByTestId('alert-bell');
  await expect(bell).toHaveAttribute('aria-label', 'Alerts: none firing');
  // first run exits 3; started again, it finds its mark and keeps running
  await docker(
    h.DOCKER_A_SOCKET,
    'run',
    '--name',
    container,
    '--label',
    `io.berth.e2e-alerts=${tag}`,
    h.TEST_IMAGE,
    'sh',
    '-c',
    'test -f /ran && exec sleep 600; touch /ran; exit 3',
  ).catch(() => undefined);
  await expect(page.getByTestId('alert-count')).toHaveText('1');
  await expect(bell).toHaveAttribute('aria-label', 'Alerts: 1 firing');
  await expect(page.getByTestId('alert-history')).toContainText(`${container} exited with code 3`);

  await bell.click();
  const item = page.getByRole('dialog', { name: 'Firing alerts' }).getByTestId('alert-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(container);
  await expect(item).toContainText('critical');
  await item.click();
  await expect(page).toHaveURL(/\/hosts\/[^/]+\/containers\/[0-9a-f]{64}$/);
  const banner = page.getByTestId('object-alert');
  await expect(banner).toContainText(`Alert: ${container} exited with code 3`);
  await expect(banner).toContainText(ruleName);

  await docker(h.DOCKER_A_SOCKET, 'start', container);
  await expect(banner).toHaveCount(0);
  await expect(bell).toHaveAttribute('aria-label', 'Alerts: none firing');
});
