import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { registerSwarmManager, removeHost } from './support';

/**
 * The Swarm page while a worker's Docker stops (swarm.sh stop-node 3): its row turns "down" without a reload (node
 * events on the live stream). Node 3 is started again whatever happens. Also the Secrets section: a secret made in the
 * dialog is listed (its value nowhere on the page) and removed with a confirmation.
 */
const run = promisify(execFile);
const swarmSh = (...args: string[]) => run('bash', [path.resolve(__dirname, '../scripts/harness/swarm.sh'), ...args], { timeout: 120_000 });
let hostId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  hostId = await registerSwarmManager(request, 'swarm-fo');
});

test.afterAll(async ({ request }) => {
  // Nothing was stopped when beforeAll failed (no swarm in the harness).
  if (!hostId) return;
  await swarmSh('start-node', '3').catch(() => undefined);
  await removeHost(request, hostId);
});

test("a stopped worker's row shows down without a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/hosts/${hostId}/swarm`);
  const status = page.locator('[data-testid="node-row"][data-hostname="swarm-node3"]').getByTestId('node-status');
  await expect(status).toHaveText('ready');
  try {
    await swarmSh('stop-node', '3');
    await expect(status).toHaveText('down', { timeout: 20_000 });
  } finally {
    await swarmSh('start-node', '3');
  }
  await expect(status).toHaveText('ready', { timeout: 30_000 });
});

test('creates a secret in the dialog and removes it; its value is never on the page', async ({ page }) => {
  const name = `secrets-e2e-${randomBytes(3).toString('hex')}`;
  const value = `v-${randomBytes(8).toString('hex')}`;
  await page.goto(`/hosts/${hostId}/swarm`);
  await page.getByTestId('new-secret').click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Value', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Create secret' }).click();
  const row = page.locator(`[data-testid="secret-row"][data-name="${name}"]`);
  await expect(row).toContainText('no service');
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(value);
  await row.getByRole('button', { name: `Remove secret ${name}` }).click();
  await page.getByRole('button', { name: 'Remove secret', exact: true }).click();
  await expect(row).toHaveCount(0);
});
