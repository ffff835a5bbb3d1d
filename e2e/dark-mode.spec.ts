import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/** The compose editor and the terminal follow the app's theme, also when it is switched while they are open. */
const h = harness();
const name = `dark-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '600');
});
test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
});

async function hostA(page: Page): Promise<string> {
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  return hosts.find((x) => x.name === machineName())!.id;
}

/** Relative luminance (0 black … 1 white) of what is drawn behind an element: its own background or, where that is
 * transparent, the nearest ancestor's. */
async function luminance(page: Page, selector: string): Promise<number> {
  const rgb = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg && !/^rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') return bg;
      }
      return 'rgb(255, 255, 255)';
    });
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

const setTheme = async (page: Page, dark: boolean) => {
  const toggle = page.getByRole('button', { name: 'Dark mode' }).first();
  if ((await toggle.getAttribute('aria-pressed')) !== String(dark)) await toggle.click();
  await expect(page.locator('html')).toHaveClass(dark ? /dark/ : /^(?!.*dark)/);
};

test('the compose editor is dark in dark mode and light in light mode', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/stacks/new?host=${await hostA(page)}`);
  await expect(page.locator('.cm-editor')).toBeVisible();
  await setTheme(page, true);
  await expect.poll(() => luminance(page, '.cm-editor')).toBeLessThan(0.3);
  await setTheme(page, false);
  await expect.poll(() => luminance(page, '.cm-editor')).toBeGreaterThan(0.7);
});

test('the terminal follows the theme', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/hosts/${await hostA(page)}/containers/${name}/terminal`);
  await expect(page.getByTestId('exec-status')).toHaveAttribute('data-state', 'open');
  await setTheme(page, true);
  await expect.poll(() => luminance(page, '.xterm-rows')).toBeLessThan(0.3);
  await setTheme(page, false);
  await expect.poll(() => luminance(page, '.xterm-rows')).toBeGreaterThan(0.7);
  // and the text is drawn dark on it, not the default light grey
  const fg = await page.locator('.xterm-rows').evaluate((el) => getComputedStyle(el).color);
  const [r, g, b] = (fg.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  expect((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255).toBeLessThan(0.3);
});
