import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end tests drive the production build in Debian's Chromium (never a downloaded browser) against the
 * harness daemons. One worker: the specs share one server and one pair of daemons, in order.
 */
export default defineConfig({
  testDir: 'e2e',
  // per port, so parallel runs on one checkout do not delete each other's traces
  outputDir: `test-results/${port}`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    // signed in as the seeded admin (e2e/global-setup.ts); specs about other users open their own contexts
    storageState: `e2e/.auth/admin-${port}.json`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node_modules/.bin/tsx e2e/fake-github.ts',
      port: port + 1000,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_PORT: String(port) },
    },
    {
      command: 'bash e2e/serve.sh',
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { PORT: String(port), BERTH_BIND: '127.0.0.1', BERTH_HEARTBEAT_MS: '1000' },
    },
  ],
});
