import { expect, type Page, test } from '@playwright/test';
import { harness, registerSwarmManager, removeHost } from './support';

/**
 * Swarm stacks in Chromium on the harness's swarm: a stack written in the editor, planned and deployed, then seen on
 * the Swarm page and its own page with its services. The manager is added through the API (the e2e server registers
 * only daemon A) and everything is removed afterwards. A dnsrr endpoint: no IPVS on these machines.
 */
const h = harness();
const stack = `swst-e2e-${Date.now().toString(36)}`;
let hostId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  hostId = await registerSwarmManager(request, 'swst');
});

test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  if (!hostId) return;
  // the remove waits until the stack's network is free of the stopping tasks
  await request.delete(`/api/v1/hosts/${hostId}/swarm/stacks/${stack}`, { timeout: 90_000 }).catch(() => undefined);
  await removeHost(request, hostId);
});

/** Replaces the editor's text as a paste would (no auto-indent on the way in). */
async function paste(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('creates a Swarm stack from the editor, plans and deploys it, and sees it listed with its services', async ({ page }) => {
  await page.goto(`/hosts/${hostId}/swarm`);
  await page.getByTestId('new-swarm-stack').click();
  await page.getByLabel('Name', { exact: true }).fill(stack);
  // a typo is marked in the editor before anything is deployed
  await paste(page, `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    deploy:\n      mode: daemon\n`);
  await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
  await paste(
    page,
    `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n  worker:\n    image: ${h.TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n    deploy:\n      endpoint_mode: dnsrr\n`,
  );
  await page.getByTestId('swarm-stack-plan').click();
  await expect(page.getByTestId('swarm-plan-service')).toHaveCount(2);
  await expect(page.locator('[data-testid="swarm-plan-service"][data-action="create"]')).toHaveCount(2);
  await page.getByTestId('swarm-stack-deploy').click();

  // the stack's page: its two services, with their tasks running
  await expect(page).toHaveURL(new RegExp(`/swarm/stacks/${stack}$`));
  await expect(page.getByTestId('swarm-stack-service')).toHaveCount(2);
  await expect(page.locator(`[data-testid="swarm-stack-service"][data-name="${stack}_web"]`).getByTestId('service-replicas')).toHaveText('2/2', {
    timeout: 30_000,
  });

  // the Swarm page lists it as Berth's
  await page.goto(`/hosts/${hostId}/swarm`);
  const row = page.locator(`[data-testid="swarm-stack-row"][data-name="${stack}"]`);
  await expect(row).toContainText('Berth');
  await expect(row.getByTestId('swarm-stack-services')).toHaveText('2');
});
