import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import Docker from 'dockerode';
import { harness, registerSwarmManager, removeHost, swarmHarness } from './support';

/**
 * Swarm services in Chromium on the harness's swarm: a service made here (straight on the Engine: creating one through
 * Berth is another page's) shows in the Swarm page's Services section; its page shows its task; scaling it to 2 from
 * the page shows 2 running without a reload. The manager is registered through the API and everything is removed after.
 */
const h = harness();
const name = `svc-e2e-${randomBytes(3).toString('hex')}`;
let hostId = '';
let engine: Docker;
/** secrets and configs made for the attach test: [kind, id], removed after */
const made: ['secret' | 'config', string][] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  engine = new Docker({ socketPath: swarmHarness().managerSocket });
  await engine.createService({
    Name: name,
    Labels: { 'io.berth.test': name },
    TaskTemplate: { ContainerSpec: { Image: h.TEST_IMAGE, Command: ['sleep', '3600'], StopGracePeriod: 1_000_000_000 } },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: 'dnsrr' },
  } as object);
  hostId = await registerSwarmManager(request, 'svc');
});

test.afterAll(async ({ request }) => {
  await engine
    ?.getService(name)
    .remove()
    .catch(() => undefined);
  for (const [kind, id] of made) await (kind === 'secret' ? engine?.getSecret(id) : engine?.getConfig(id))?.remove().catch(() => undefined);
  await removeHost(request, hostId);
});

test('the Services section lists the service; its page shows the task; scaling to 2 shows 2 running without a reload', async ({ page }) => {
  await page.goto(`/hosts/${hostId}/swarm`);
  const row = page.locator(`[data-testid="service-row"][data-name="${name}"]`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('service-replicas')).toHaveText('1/1', { timeout: 20_000 });
  await expect(page.getByTestId('new-service')).toHaveAttribute('href', `/hosts/${hostId}/swarm/services/new`);

  await row.getByRole('link', { name }).click();
  await expect(page.getByTestId('service-page')).toBeVisible();
  const live = page.locator('[data-testid="task-row"][data-desired="running"]');
  await expect(live).toHaveCount(1, { timeout: 20_000 });
  await expect(live.first()).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await expect(live.first()).toContainText('swarm-node');
  // Rollback has nothing to go back to yet, and says so.
  await expect(page.getByTestId('service-rollback')).toBeDisabled();

  await page.getByTestId('service-scale').click();
  await page.getByTestId('scale-replicas').fill('2');
  await page.getByRole('dialog').getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(page.getByText(`Service ${name}: 1 → 2 replicas`)).toBeVisible();
  await expect(page.locator('[data-testid="task-row"][data-desired="running"][data-state="running"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('service-page').getByTestId('service-replicas')).toHaveText('2/2');
});

test('the service page attaches a config and a secret as files and detaches them (a rolling update each)', async ({ page, request }) => {
  for (const kind of ['config', 'secret'] as const) {
    const res = await request.post(`/api/v1/hosts/${hostId}/swarm/${kind}s`, { data: { name: `${name}-${kind}`, data: `${kind} value` } });
    expect(res.status(), await res.text()).toBe(201);
    made.push([kind, (await res.json())[kind].id]);
  }
  await page.goto(`/hosts/${hostId}/swarm/services/${name}`);
  for (const [kind, where, path] of [
    ['config', '/etc/app.conf', '/etc/app.conf'],
    ['secret', '', `/run/secrets/${name}-secret`],
  ] as const) {
    const box = page.getByTestId(`service-${kind}s`);
    await box.getByRole('combobox').selectOption({ label: `${name}-${kind}` });
    if (where) await box.getByRole('textbox').fill(where);
    await box.getByRole('button', { name: 'Attach' }).click();
    await expect(page.getByText(`attached to service ${name} at ${path}`)).toBeVisible();
    await expect(box.getByText(`→ ${path}`)).toBeVisible();
    await box.getByRole('button', { name: `Detach ${name}-${kind}` }).click();
    await expect(box.getByText('None attached.')).toBeVisible({ timeout: 15_000 });
  }
});
