import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * Screenshots of the main pages for a look by eye (issue #15), not a test: e2e/screenshots.shots.ts, which the default
 * run does not match (it takes *.spec.ts). Same build, server, daemons and sign-in as the end-to-end tests:
 *   BERTH_NEXT_DIST_DIR=.next-x npx next build
 *   BERTH_NEXT_DIST_DIR=.next-x E2E_PORT=3471 npx playwright test -c playwright.screenshots.config.ts
 * The pictures land in screenshots/ (git-ignored), one per page at 1440×900 light and dark and at 390×844.
 */
export default defineConfig({
  ...base,
  testMatch: '*.shots.ts',
  timeout: 300_000,
  reporter: [['list']],
});
