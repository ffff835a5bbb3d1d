import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-stack-${Date.now().toString(36)}`;

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
});

async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

/** Replaces the editor's text as a paste would (no auto-indent on the way in). */
async function paste(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const file = (workerKey: string) => `services:
  web:
    image: ${h.TEST_IMAGE}
    command: ["sleep", "3600"]
  worker:
    image: ${h.TEST_IMAGE}
    ${workerKey}: ["sleep", "3600"]
`;

test('paste a compose file, see the bad key marked, fix it, plan, deploy, and scale a service', async ({ page }) => {
  const host = await hostA(page);
  await page.goto(`/stacks/new?host=${host}`);
  await page.getByLabel('Name', { exact: true }).fill(name);

  await paste(page, file('comand'));
  // the marker sits on line 7, where the unknown key is
  await expect(page.locator('.cm-lintRange-error')).toHaveText('comand');
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await page.locator('.cm-lintRange-error').hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('unknown key "comand"');

  await paste(page, file('command'));
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save stack' }).click();
  await page.waitForURL(new RegExp(`/stacks/${host}/${name}$`));

  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const plan = page.getByTestId('plan');
  await expect(plan.locator('[data-action="create"]')).toHaveCount(2);
  await expect(plan).toContainText(`${name}-web-1`);
  await expect(plan).toContainText(`${name}_default`);

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const services = page.getByTestId('operation-service');
  await expect(services).toHaveCount(2);
  await expect(page.locator('[data-testid="operation-service"][data-state="done"]')).toHaveCount(2, { timeout: 30_000 });
  const worker = page.locator('[data-testid="stack-service"][data-service="worker"]');
  await expect(worker.getByTestId('replica')).toHaveCount(1);
  expect(await docker(A, 'inspect', '-f', '{{.State.Status}}', `${name}-worker-1`)).toBe('running');

  await worker.getByLabel('Replicas').fill('3');
  await worker.getByRole('button', { name: 'Scale' }).click();
  await expect(worker.getByTestId('replica')).toHaveCount(3, { timeout: 30_000 });
  await expect(worker.locator(`[data-name="${name}-worker-3"]`)).toContainText('running');
  const names = (await docker(A, 'ps', '--filter', `label=com.docker.compose.project=${name}`, '--format', '{{.Names}}')).split('\n').sort();
  expect(names).toEqual([`${name}-web-1`, `${name}-worker-1`, `${name}-worker-2`, `${name}-worker-3`]);
  await expect(page.getByTestId('stack-history')).toContainText('v1');
});

test('Down asks first: Cancel leaves the stack running; confirming removes its containers and network', async ({ page }) => {
  const host = await hostA(page);
  await page.goto(`/stacks/${host}/${name}`);
  const projectIds = async () => (await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`)).split('\n').filter(Boolean);
  expect(await projectIds()).toHaveLength(4);

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Take ${name} down?` });
  await expect(dialog).toContainText('The stored file and its versions stay');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await projectIds()).toHaveLength(4);

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  await dialog.getByLabel('Also remove its volumes').check();
  await dialog.getByRole('button', { name: 'Down and remove volumes' }).click();
  await expect(page.getByText(`Taking ${name} down`)).toBeVisible();
  await expect.poll(projectIds, { timeout: 30_000 }).toEqual([]);
  await expect.poll(() => docker(A, 'network', 'ls', '-q', '--filter', `name=^${name}_default$`), { timeout: 10_000 }).toBe('');
  // the stack itself stays, ready to deploy again
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeVisible();
});
