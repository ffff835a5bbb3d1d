import { expect, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Health in the lists (issue #5 point 6): the container list shows Berth's external check (x-berth-healthcheck) beside
 * the Engine's own healthcheck status, and the stacks list counts each stack's containers by health.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-health-${Date.now().toString(36)}`;
/** The server probes with BERTH_HEALTH_PROBE_IMAGE's default, busybox:latest, which no registry here serves: the
 * harness busybox stands in under that tag for this spec (only if the daemon has no busybox:latest of its own). */
const PROBE = 'busybox:latest';
let tagged = false;

test.beforeAll(async () => {
  const has = await docker(A, 'image', 'inspect', '-f', '{{.Id}}', PROBE).then(
    () => true,
    () => false,
  );
  if (!has) {
    await docker(A, 'tag', h.TEST_IMAGE, PROBE);
    tagged = true;
  }
});
test.afterAll(async () => {
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
  if (tagged) await docker(A, 'rmi', PROBE).catch(() => undefined);
});

test('external and Engine health show in the container list and as counts in the stacks list', async ({ page, baseURL }) => {
  // deploy, two checks to pass and two page loads: more than the default minute on a busy 2-core machine
  test.setTimeout(120_000);
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  const host = hosts.find((x) => x.name === machineName())!.id;
  const compose = `services:
  web:
    image: ${h.TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    x-berth-healthcheck: { type: http, port: 8080, path: /index.html, interval: 1000 }
  engine:
    image: ${h.TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
    healthcheck: { test: ["CMD", "true"], interval: 1s }
`;
  const created = await page.request.post(`/api/v1/hosts/${host}/stacks`, { data: { name, compose, env: '', deploy: true }, headers: { Origin: baseURL! } });
  expect(created.status()).toBe(201);

  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(name);
  const web = page.locator(`[data-testid="container-row"][data-name="${name}-web-1"]`);
  await expect(web.getByTestId('external-health')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
  const engine = page.locator(`[data-testid="container-row"][data-name="${name}-engine-1"]`);
  await expect(engine.getByTitle('Health check: healthy')).toBeVisible({ timeout: 30_000 });
  await expect(engine.getByTestId('external-health')).toHaveCount(0);
  // the agent that runs the checks is listed as Berth's own
  await page.getByLabel('Search containers').fill('berth-health-agent');
  await expect(page.locator('[data-testid="container-row"][data-name="berth-health-agent"]').getByTestId('berth-system')).toHaveText('Berth · health agent');

  await page.goto('/stacks');
  const row = page.locator(`[data-testid="stack-row"][data-name="${name}"]`);
  const cell = row.getByTestId('stack-health');
  await expect(cell).toHaveAttribute('data-healthy', '2', { timeout: 15_000 });
  await expect(cell).toContainText('2 healthy');
  await expect(cell).toHaveAttribute('data-unhealthy', '0');

  // the stack page's Health panel lists each checked replica and says how the probes run on this host
  await row.getByRole('link', { name }).click();
  await expect(page.locator(`[data-testid="health-row"][data-name="${name}-web-1"]`)).toContainText('Healthy');
  await expect(page.getByTestId('health-probes')).toContainText('Probes run in the berth-health-agent container on this host');
});
