import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Not a test: pictures of the main pages at 1440×900 (light and dark) and 390×844, into screenshots/. Run it with
 * playwright.screenshots.config.ts (the command is in that file). It deploys a small compose stack "shots" on the
 * local host first, so the stack, container and network pages have something to show, and removes it afterwards (the
 * daemons are shared with the end-to-end tests).
 */
const h = harness();
const OUT = path.resolve(__dirname, '..', 'screenshots');
const STACK = 'shots';

const MODES = [
  { id: 'desktop-light', viewport: { width: 1440, height: 900 }, colorScheme: 'light' as const },
  { id: 'desktop-dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' as const },
  { id: 'mobile', viewport: { width: 390, height: 844 }, colorScheme: 'light' as const },
];

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', `${STACK}-web-1`, `${STACK}-worker-1`).catch(() => undefined);
  await docker(h.DOCKER_A_SOCKET, 'network', 'rm', `${STACK}_default`).catch(() => undefined);
});

async function hostId(page: Page): Promise<string> {
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  return hosts.find((x) => x.name === machineName())!.id;
}

/** Chromium aborts a load with ERR_NETWORK_CHANGED when Docker has just added a bridge (the stack's network): again. */
async function goto(page: Page, url: string) {
  for (let i = 0; ; i++) {
    try {
      return await page.goto(url);
    } catch (e) {
      if (i >= 3 || !String(e).includes('ERR_NETWORK_CHANGED')) throw e;
      await page.waitForTimeout(1000);
    }
  }
}

test('screenshots of the main pages', async ({ page, baseURL }) => {
  fs.mkdirSync(OUT, { recursive: true });
  const host = await hostId(page);
  const compose = `services:
  web:
    image: ${h.TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports: ["18480:8080"]
    stop_grace_period: 1s
  worker:
    image: ${h.TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo working; sleep 5; done & wait"]
    stop_grace_period: 1s
`;
  const existing = await page.request.get(`/api/v1/hosts/${host}/stacks/${STACK}`);
  if (!existing.ok()) {
    const created = await page.request.post(`/api/v1/hosts/${host}/stacks`, {
      data: { name: STACK, compose, env: '', deploy: true },
      headers: { Origin: baseURL! },
    });
    expect(created.status()).toBe(201);
  }
  // a failed task, so that the Tasks panel shows in the pictures
  await page.request.post(`/api/v1/hosts/${host}/images/pull`, { data: { ref: '127.0.0.1:9/berth-nothing:latest' }, headers: { Origin: baseURL! } });
  await goto(page, '/containers');
  await page.getByLabel('Search containers').fill(`${STACK}-web`);
  const row = page.locator('[data-testid="container-row"]').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const cid = await row.getAttribute('data-id');

  const pages: [name: string, url: string][] = [
    ['hosts', '/hosts'],
    ['containers', '/containers'],
    ['container', `/hosts/${encodeURIComponent(host)}/containers/${cid}`],
    ['stacks', '/stacks'],
    ['stack', `/stacks/${encodeURIComponent(host)}/${STACK}`],
    ['images', '/images'],
    ['volumes', '/volumes'],
    ['networks', '/networks'],
    ['activity', '/activity'],
  ];
  for (const mode of MODES) {
    await page.setViewportSize(mode.viewport);
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    for (const [name, url] of pages) {
      await goto(page, url);
      // no network-idle to wait for (the live stream stays open): give live data and charts a moment to settle
      await page.waitForTimeout(2000);
      await page.screenshot({ path: path.join(OUT, `${name}-${mode.id}.png`) });
    }
  }
});
