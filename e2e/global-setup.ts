import fs from 'node:fs';
import path from 'node:path';
import { chromium, type FullConfig } from '@playwright/test';
import { E2E_ADMIN } from './accounts';

/** Signs in once as the seeded admin through the real sign-in form; every spec starts from that session. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, launchOptions, storageState } = config.projects[0].use;
  // one file per port (see playwright.config.ts): runs side by side must not overwrite each other's session
  const ADMIN_STATE = path.resolve(String(storageState));
  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  const browser = await chromium.launch(launchOptions);
  const page = await browser.newPage({ baseURL });
  await page.goto('/login');
  await page.getByLabel('User name').fill(E2E_ADMIN.username);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  await page.context().storageState({ path: ADMIN_STATE });
  await browser.close();
}
