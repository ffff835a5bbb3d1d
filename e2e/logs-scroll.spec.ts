import { expect, type Locator, type Page, test } from '@playwright/test';
import { docker, harness } from './support';

const h = harness();

test.describe.configure({ mode: 'serial' });
const name = `logs-scroll-${Date.now().toString(36)}`;
const LONG = `long-line-marker ${'abcdefghij '.repeat(60)}end`;
// 3,000 numbered rows, one long line, then a tick every 100 ms: enough lines that the viewer must virtualize, and
// a stream that keeps moving while the view is scrolled.
const script = ['for i in $(seq 1 3000); do echo "row $i"; done', `echo "${LONG}"`, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done'].join(
  '; ',
);

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
});

async function openLogs(page: Page) {
  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByTestId('logs-following')).toBeVisible();
}

/** The text of the rows whose box is inside the scroller's (what the user sees). */
const onScreen = (scroller: Locator) =>
  scroller.evaluate((s) => {
    const box = s.getBoundingClientRect();
    return [...s.querySelectorAll('[data-testid="log-line"]')]
      .filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
      })
      .map((r) => r.textContent ?? '');
  });

/** The scroller's scrollTop once it has stopped moving (wheel scrolling may be animated). */
async function settled(scroller: Locator): Promise<number> {
  let last = -1;
  for (;;) {
    const top = await scroller.evaluate((s) => new Promise<number>((r) => setTimeout(() => r(s.scrollTop), 100)));
    if (top === last) return top;
    last = top;
  }
}

test('follows the end, stays put when scrolled up, and jumps back to the latest line', async ({ page }) => {
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sh', '-c', script);
  await openLogs(page);
  const viewer = page.getByTestId('logs-viewer');
  const scroller = viewer.getByTestId('log-scroller');
  const jump = viewer.getByTestId('jump-to-latest');

  // Following: the newest tick is on screen and moves on; only the rows near the screen are in the page.
  await expect.poll(async () => (await onScreen(scroller)).at(-1)).toMatch(/^tick \d+$/);
  const lastTick = async () => Number((await onScreen(scroller)).at(-1)!.replace('tick ', ''));
  const t0 = await lastTick();
  await expect.poll(lastTick).toBeGreaterThan(t0 + 3);
  await expect(jump).toBeHidden();
  expect(await viewer.getByTestId('log-line').count()).toBeLessThan(200);

  // Scrolled up with the keyboard: the same rows stay on screen while lines keep arriving.
  await scroller.focus();
  await page.keyboard.press('Home');
  await expect(jump).toBeVisible();
  // the rows at the top are drawn a frame after the jump shows: wait for them before taking them as the reference
  await expect.poll(async () => (await onScreen(scroller))[0]).toMatch(/^row \d+$/); // the tail's oldest line
  const top = await onScreen(scroller);
  const lines0 = Number(await viewer.getAttribute('data-lines'));
  await expect.poll(async () => Number(await viewer.getAttribute('data-lines'))).toBeGreaterThan(lines0 + 5);
  expect(await onScreen(scroller)).toEqual(top);

  // In the middle, with the mouse wheel: still put.
  await scroller.hover();
  await page.mouse.wheel(0, 9000);
  await expect.poll(() => settled(scroller)).toBeGreaterThan(4000);
  const middle = await onScreen(scroller);
  expect(middle[0]).toMatch(/^row \d+$/);
  const lines1 = Number(await viewer.getAttribute('data-lines'));
  await expect.poll(async () => Number(await viewer.getAttribute('data-lines'))).toBeGreaterThan(lines1 + 5);
  expect(await onScreen(scroller)).toEqual(middle);

  // Back to the latest: the newest tick on screen again, and following resumes.
  await jump.click();
  await expect(jump).toBeHidden();
  await expect.poll(async () => (await onScreen(scroller)).at(-1)).toMatch(/^tick \d+$/);
  const t1 = await lastTick();
  await expect.poll(lastTick).toBeGreaterThan(t1 + 3);
});

test('shows timestamps and wraps long lines on request', async ({ page }) => {
  await openLogs(page);
  const viewer = page.getByTestId('logs-viewer');
  const scroller = viewer.getByTestId('log-scroller');
  await viewer.getByLabel('Search logs').fill('long-line-marker');
  await viewer.getByLabel('Only matching lines').check();
  const row = viewer.getByTestId('log-line');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('log-match')).toHaveText('long-line-marker');

  // Unwrapped: one 18 px row, wider than the scroller (it scrolls sideways).
  expect((await row.boundingBox())!.height).toBe(18);
  expect(await scroller.evaluate((s) => s.scrollWidth > s.clientWidth)).toBe(true);
  await expect(row).not.toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/);
  await viewer.getByLabel('Timestamps').check();
  await expect(row).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/);

  // Wrapped: the same line over several rows' height, and nothing to scroll sideways.
  await viewer.getByLabel('Wrap lines').check();
  await expect(row).toHaveCount(1);
  await expect.poll(async () => (await row.boundingBox())!.height).toBeGreaterThan(36);
  expect(await scroller.evaluate((s) => s.scrollWidth > s.clientWidth)).toBe(false);
  await expect(row).toContainText('end');
});

test('a scrolled-up view keeps its lines while old ones drop off the front of a full buffer', async ({ page }) => {
  test.setTimeout(120_000);
  const full = `${name}-full`;
  // 200,000 rows (the viewer's capacity), then 100 ticks every 100 ms: each batch pushes the oldest rows out.
  const fill = [
    `awk 'BEGIN{for(i=1;i<=200000;i++) printf "row %d\\n", i}'`,
    `i=0; while true; do awk -v s=$i 'BEGIN{for(j=1;j<=100;j++) printf "tick %d\\n", s+j}'; i=$((i+100)); sleep 0.1; done`,
  ].join('; ');
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', full, h.TEST_IMAGE, 'sh', '-c', fill);
  try {
    await page.goto('/containers');
    await page.getByLabel('Search containers').fill(full);
    await page.locator(`[data-testid="container-row"][data-name="${full}"]`).getByRole('link', { name: full }).click();
    await page.getByRole('tab', { name: 'Logs' }).click();
    const viewer = page.getByTestId('logs-viewer');
    const scroller = viewer.getByTestId('log-scroller');
    await viewer.getByLabel('Tail').selectOption('all');
    await expect(viewer).toHaveAttribute('data-lines', '200000', { timeout: 60_000 });
    await expect(viewer.getByTestId('logs-dropped')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('logs-following')).toBeVisible();

    await scroller.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('PageUp');
    await expect(viewer.getByTestId('jump-to-latest')).toBeVisible();
    // Settled: the same rows twice in a row (scrollTop itself keeps moving here, to follow the rows).
    let shown: string[] = [];
    await expect
      .poll(
        async () => {
          const before = shown;
          shown = await onScreen(scroller);
          return shown.length > 0 && JSON.stringify(shown) === JSON.stringify(before);
        },
        { intervals: [300] },
      )
      .toBe(true);
    const dropped = async () => Number((await viewer.getByTestId('logs-dropped').textContent())!.split(' older')[0].replace(/\D/g, ''));
    const d0 = await dropped();
    await expect.poll(dropped).toBeGreaterThan(d0 + 500);
    await expect(viewer).toHaveAttribute('data-lines', '200000');
    expect(await onScreen(scroller)).toEqual(shown);

    await viewer.getByTestId('jump-to-latest').click();
    await expect.poll(async () => (await onScreen(scroller)).at(-1)).toMatch(/^tick \d+$/);
  } finally {
    await docker(h.DOCKER_A_SOCKET, 'rm', '-f', full).catch(() => undefined);
  }
});
