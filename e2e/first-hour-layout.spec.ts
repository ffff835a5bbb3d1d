import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Issue #15, points 1 and 8: what a new user trips over in the first hour. Row actions must be in view without
 * sideways scrolling at common desktop widths, the container row menu must work by mouse and keyboard, the detail
 * page must not break network names or list a port twice, and the Tasks panel must never cover the page.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const suffix = Date.now().toString(36);
const web = `fh-web-${suffix}`;
const net = `fh_default_${suffix}`;
const spare = `fh-spare-${suffix}`;
const hostPort = String(20000 + Math.floor(Math.random() * 20000));

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await docker(A, 'network', 'create', net);
  await docker(A, 'run', '-d', '--name', web, '--network', net, '-p', `${hostPort}:80`, h.TEST_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait");
  await docker(A, 'create', '--name', spare, h.TEST_IMAGE, 'sleep', '3600');
});

test.afterAll(async () => {
  await docker(A, 'rm', '-f', web, spare).catch(() => undefined);
  await docker(A, 'network', 'rm', net).catch(() => undefined);
});

async function openRow(page: Page, name: string) {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  const row = page.locator(`[data-testid="container-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  return row;
}

async function inViewport(page: Page, box: { x: number; y: number; width: number; height: number } | null) {
  const vp = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(vp.height);
}

for (const width of [1280, 1440]) {
  test(`at ${width}×900 the container table fits its area and every row's menu button is in view`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const row = await openRow(page, web);
    await inViewport(page, await row.getByRole('button', { name: `Actions for ${web}` }).boundingBox());
    const table = page.getByTestId('container-table');
    const overflow = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  });

  test(`at ${width}×900 the hosts table shows each host's remove button`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/hosts');
    const row = page.locator(`[data-testid="host-row"][data-name="${machineName()}"]`);
    await expect(row).toBeVisible();
    await inViewport(page, await row.getByRole('button', { name: 'Remove' }).boundingBox());
    const overflow = await page.getByTestId('host-table').evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  });
}

test('the row menu works from the keyboard and closes on Escape and on a click outside', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const row = await openRow(page, web);
  const button = row.getByRole('button', { name: `Actions for ${web}` });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `Actions for ${web}` });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Logs' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Shell' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Remove…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('ArrowDown');
  await expect(menu).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(menu).toHaveCount(0);
});

test('the row menu stops, starts and restarts a container, and the row follows', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const row = await openRow(page, web);
  const menuItem = async (name: string) => {
    await row.getByRole('button', { name: `Actions for ${web}` }).click();
    await page.getByRole('menuitem', { name, exact: true }).click();
  };
  await menuItem('Stop');
  await expect(row).toHaveAttribute('data-state', 'exited', { timeout: 20_000 });
  await menuItem('Start');
  await expect(row).toHaveAttribute('data-state', 'running');
  const startedBefore = await docker(A, 'inspect', '-f', '{{.State.StartedAt}}', web);
  await menuItem('Restart');
  await expect(page.getByTestId('toast').filter({ hasText: 'restarted' })).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveAttribute('data-state', 'running');
  expect(await docker(A, 'inspect', '-f', '{{.State.StartedAt}}', web)).not.toBe(startedBefore);
});

test('the row menu opens the logs, stats and shell of a container', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [item, tab] of [
    ['Logs', 'Logs'],
    ['Stats', 'Stats'],
  ] as const) {
    const row = await openRow(page, web);
    await row.getByRole('button', { name: `Actions for ${web}` }).click();
    await page.getByRole('menuitem', { name: item }).click();
    await expect(page).toHaveURL(new RegExp(`/containers/[^/?]+\\?tab=${item.toLowerCase()}$`));
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  const row = await openRow(page, web);
  await row.getByRole('button', { name: `Actions for ${web}` }).click();
  await page.getByRole('menuitem', { name: 'Shell' }).click();
  await expect(page).toHaveURL(/\/terminal$/);

  // a container that is not running has no shell to open
  const stopped = await openRow(page, spare);
  await stopped.getByRole('button', { name: `Actions for ${spare}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Shell' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('menuitem', { name: 'Start', exact: true })).toBeVisible();
});

test('remove from the row menu asks first, and Cancel keeps the container', async ({ page }) => {
  const row = await openRow(page, spare);
  await row.getByRole('button', { name: `Actions for ${spare}` }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${spare}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Actions for ${spare}` }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  await dialog.getByRole('button', { name: 'Remove container' }).click();
  await expect(row).toHaveCount(0);
  await expect(docker(A, 'inspect', spare)).rejects.toThrow();
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} the detail page keeps network names whole and lists a published port once`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const row = await openRow(page, web);
    await row.getByRole('link', { name: web }).click();
    const name = page.getByTestId('networks').getByTestId('network-name').filter({ hasText: net });
    await expect(name).toBeVisible();
    // one line: a word broken across two would double the height
    const lineHeight = await name.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    const ports = page
      .getByRole('heading', { name: /^Ports/ })
      .locator('xpath=../..')
      .getByRole('listitem');
    await expect(ports).toHaveCount(1);
    await expect(ports).toContainText(`:${hostPort}→80/tcp`);
  });

  test(`at ${viewport.width}×${viewport.height} the Tasks panel never covers the page`, async ({ page, baseURL }) => {
    await page.setViewportSize(viewport);
    const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
    const host = hosts.find((x) => x.name === machineName())!.id;
    // a pull from nowhere: a task that fails at once, which the panel keeps among the recent ones
    const res = await page.request.post(`/api/v1/hosts/${host}/images/pull`, {
      data: { ref: '127.0.0.1:9/berth-nothing:latest' },
      headers: { Origin: baseURL! },
    });
    expect(res.ok()).toBe(true);
    await page.goto('/containers');
    const dock = page.getByRole('region', { name: 'Background tasks' });
    await expect(dock).toBeVisible();
    const main = page.locator('main#main');
    // the page's own scroll box ends where the dock begins, so its last row can always be scrolled into view above it
    const [m, d] = [await main.boundingBox(), await dock.boundingBox()];
    expect(m!.y + m!.height).toBeLessThanOrEqual(d!.y + 0.5);
    const table = page.getByTestId('container-table');
    await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = page.getByTestId('container-row').last();
    const lastBox = await last.boundingBox();
    expect(lastBox!.y + lastBox!.height).toBeLessThanOrEqual(d!.y + 0.5);
    // open, it still takes room rather than covering
    await dock.getByRole('button', { name: /Tasks/ }).click();
    const [m2, d2] = [await main.boundingBox(), await dock.boundingBox()];
    expect(m2!.y + m2!.height).toBeLessThanOrEqual(d2!.y + 0.5);
  });
}
