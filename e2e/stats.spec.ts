import { expect, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

const h = harness();
const tag = Date.now().toString(36);
const busy = `stats-busy-${tag}`;
const idle = `stats-idle-${tag}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // One container spinning a CPU, one asleep.
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', busy, h.TEST_IMAGE, 'sh', '-c', 'while true; do :; done');
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', idle, h.TEST_IMAGE, 'sleep', '600');
});
test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', busy, idle).catch(() => undefined);
});

const cpuOf = (text: string | null) => parseFloat(text ?? '');

test('the Stats tab charts a busy container at 1 Hz and shows its CPU', async ({ page }) => {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(busy);
  await page.locator(`[data-testid="container-row"][data-name="${busy}"]`).getByRole('link', { name: busy }).click();
  await page.getByRole('tab', { name: 'Stats' }).click();
  await expect(page).toHaveURL(/tab=stats/);
  const stats = page.getByTestId('container-stats');
  await expect(stats).toHaveAttribute('data-status', 'live');
  // The charts grow a point a second.
  const chart = page.getByTestId('chart-cpu');
  await expect(chart.locator('canvas')).toBeVisible();
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  const before = Number(await chart.getAttribute('data-points'));
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 5_000 }).toBeGreaterThan(before);
  for (const id of ['chart-mem', 'chart-net', 'chart-blk', 'chart-pids']) await expect(page.getByTestId(id).locator('canvas')).toBeVisible();
  // A spinning shell uses a whole CPU on a quiet machine; builds share these cores, so only "clearly busy".
  await expect.poll(async () => cpuOf(await page.getByTestId('stats-cpu').textContent()), { timeout: 10_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('stats-mem')).toContainText('/');
});

test('a stopped container says so and keeps its charts; removal is announced', async ({ page }) => {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(idle);
  await page.locator(`[data-testid="container-row"][data-name="${idle}"]`).getByRole('link', { name: idle }).click();
  await page.getByRole('tab', { name: 'Stats' }).click();
  const chart = page.getByTestId('chart-mem');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await docker(h.DOCKER_A_SOCKET, 'stop', '-t', '0', idle);
  await expect(page.getByTestId('stats-ended')).toContainText('not running');
  await expect(chart.locator('canvas')).toBeVisible();
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
  await page.reload();
  await expect(page.getByTestId('stats-ended')).toContainText('not running');
  await expect.poll(async () => Number(await page.getByTestId('chart-mem').getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', idle);
  await expect(page.getByTestId('stats-ended')).toContainText('was removed');
});

test('the container list shows CPU and memory of the rows on screen', async ({ page }) => {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(busy);
  const row = page.locator(`[data-testid="container-row"][data-name="${busy}"]`);
  await expect(page.getByRole('columnheader', { name: 'CPU' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Memory' })).toBeVisible();
  await expect.poll(async () => cpuOf(await row.getByTestId('cell-cpu').textContent()), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect(row.getByTestId('cell-mem')).toHaveText(/\d+(\.\d+)? (B|KiB|MiB|GiB)/);
});

test('the host page adds up its running containers', async ({ page }) => {
  await page.goto('/hosts');
  // the busy container runs on the local socket's host; other specs register more hosts before this one runs
  await page.locator(`[data-testid="host-row"][data-name="${machineName()}"]`).getByTestId('host-details').click();
  const stats = page.getByTestId('host-stats');
  await expect(stats).toBeVisible();
  await expect.poll(async () => cpuOf(await page.getByTestId('host-stats-cpu').textContent()), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('host-stats-mem')).toHaveText(/\d/);
});

test.describe('history at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the host page opens with the kept hour already drawn, under HH:MM time labels', async ({ page }) => {
    await page.goto('/hosts');
    await page.locator(`[data-testid="host-row"][data-name="${machineName()}"]`).getByTestId('host-details').click();
    await expect(page).toHaveURL(/\/hosts\/[^/]+$/);
    const hostUrl = page.url();
    const chart = page.getByTestId('host-chart-cpu');
    const points = async () => Number((await chart.getAttribute('data-points')) ?? 0);
    // totals come every 3 s: three of them to keep
    await expect.poll(points, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect(chart).toHaveAttribute('data-x-labels', /\d{2}:\d{2}/);
    const kept = await points();

    await page.goto('/containers');
    await expect(page.getByLabel('Search containers')).toBeVisible();
    await page.goto(hostUrl);
    // Live totals alone would need three rounds (6 s or more) to draw this many points; the kept ones are there at once.
    await expect.poll(points, { timeout: 2_500, intervals: [100] }).toBeGreaterThanOrEqual(kept);
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(chart).toHaveAttribute('data-x-labels', /\d{2}:\d{2}/);
  });

  test('a container chart labels its short range with seconds', async ({ page }) => {
    await page.goto('/containers');
    await page.getByLabel('Search containers').fill(busy);
    await page.locator(`[data-testid="container-row"][data-name="${busy}"]`).getByRole('link', { name: busy }).click();
    await page.getByRole('tab', { name: 'Stats' }).click();
    const chart = page.getByTestId('chart-cpu');
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await expect(chart).toHaveAttribute('data-x-labels', /^\d{2}:\d{2}(:\d{2})?( \d{2}:\d{2}(:\d{2})?)*$/);
  });
});
