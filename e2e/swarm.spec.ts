import { expect, test } from '@playwright/test';
import { registerSwarmManager, removeHost } from './support';

/**
 * The Swarm page on the harness's three-node swarm: the e2e server registers only daemon A, so the manager is added
 * here through the API and removed afterwards. A drained node is made active again whatever happens.
 */
let hostId = '';
let worker = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  hostId = await registerSwarmManager(request, 'swarm');
  const nodes = (await (await request.get(`/api/v1/hosts/${hostId}/swarm/nodes`)).json()).nodes as { id: string; hostname: string }[];
  worker = nodes.find((n) => n.hostname === 'swarm-node3')!.id;
});

test.afterAll(async ({ request }) => {
  if (!hostId) return;
  await request.patch(`/api/v1/hosts/${hostId}/swarm/nodes/${worker}`, { data: { availability: 'active' } }).catch(() => undefined);
  await removeHost(request, hostId);
});

test('a manager host links to its Swarm page: cluster, quorum, IPVS notice and nodes', async ({ page }) => {
  await page.goto(`/hosts/${hostId}`);
  await page.getByTestId('host-swarm-link').click();
  await expect(page.getByTestId('swarm-environment')).toBeVisible();
  await expect(page.getByTestId('swarm-managers')).toContainText('1 (1 reachable)');
  await expect(page.getByTestId('swarm-managers')).toContainText('quorum healthy');
  await expect(page.getByTestId('swarm-workers')).toHaveText('2');
  await expect(page.getByTestId('quorum-warning')).toHaveCount(0);
  // The machines here have no IPVS: the page says what that means and what to use instead.
  await expect(page.getByTestId('ipvs-notice')).toContainText('use mode: host ports and endpoint_mode: dnsrr');
  await expect(page.getByTestId('node-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="node-row"][data-hostname="swarm-node1"]')).toContainText('leader');
  // The sidebar offers the Swarm page of the host being looked at.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Swarm' })).toHaveAttribute('aria-current', 'page');
});

test('the Swarm page comes with its tables in the HTML: without its scripts it still shows the cluster and the nodes', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await ctx.newPage();
    await page.goto(`/hosts/${hostId}/swarm`);
    await expect(page.getByTestId('swarm-managers')).toContainText('1 (1 reachable)');
    await expect(page.getByTestId('node-row')).toHaveCount(3);
    await expect(page.getByTestId('services-section')).toBeVisible();
  } finally {
    await ctx.close();
  }
});

test('drains a worker from its row menu and makes it active again', async ({ page }) => {
  await page.goto(`/hosts/${hostId}/swarm`);
  const row = page.locator('[data-testid="node-row"][data-hostname="swarm-node3"]');
  await row.getByRole('button', { name: 'Actions for swarm-node3' }).click();
  await page.getByRole('menuitem', { name: 'Drain (move tasks away)' }).click();
  await page.getByRole('button', { name: 'Drain', exact: true }).click();
  await expect(row.getByTestId('node-availability')).toHaveText('drain');
  await row.getByRole('button', { name: 'Actions for swarm-node3' }).click();
  await page.getByRole('menuitem', { name: 'Activate' }).click();
  await expect(row.getByTestId('node-availability')).toHaveText('active');
});

test('shows the join command to an admin who asks for it', async ({ page }) => {
  await page.goto(`/hosts/${hostId}/swarm`);
  await expect(page.getByTestId('join-command')).toHaveCount(0);
  await page.getByTestId('show-join').click();
  const worker = page.getByTestId('join-worker').getByTestId('join-command');
  await expect(worker).toContainText(/docker swarm join --token SWMTKN-1-\S+ 10\.236\.0\.11:2377/);
});
