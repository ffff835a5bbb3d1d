import { expect, type Page, test } from '@playwright/test';
import { docker, harness, type HarnessEnv, machineName } from './support';

type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string; REGISTRY_AUTH: string; REGISTRY_USER: string; REGISTRY_PASSWORD: string; REGISTRY_IMAGE: string };
const h = harness() as RegistryEnv;
const A = h.DOCKER_A_SOCKET;
const OPEN = `${h.REGISTRY_OPEN}/${h.REGISTRY_IMAGE}`;
const AUTH = `${h.REGISTRY_AUTH}/${h.REGISTRY_IMAGE}`;
const registryName = `e2e-registry-${Date.now().toString(36)}`;

test.describe.configure({ mode: 'serial' });

// The three-layer image lives only in the registries: without a local copy the pull really downloads its layers.
const removeLocal = () => Promise.all([OPEN, AUTH].map((r) => docker(A, 'rmi', r).catch(() => undefined)));
test.beforeAll(removeLocal);
test.afterAll(removeLocal);

async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

async function pullThroughDialog(page: Page, ref: string) {
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Image').fill(ref);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  return dialog;
}

test('pulls from the registry with per-layer progress in the dialog and the task panel, which survives navigation', async ({ page }) => {
  await page.goto(`/images?host=${await hostA(page)}`);
  const dialog = await pullThroughDialog(page, OPEN);
  const progress = dialog.getByTestId('pull-progress');
  await expect(progress.getByRole('status')).toHaveText(`Pulled ${OPEN} on ${machineName()}`, { timeout: 30_000 });
  // One bar per layer: the base layer is the local test image's, the other three were downloaded.
  await expect(progress.getByTestId('layer')).toHaveCount(4);
  await expect(progress.getByTestId('layer-status').filter({ hasText: 'Pull complete' })).toHaveCount(3);
  await expect(progress.getByTestId('layer-status').filter({ hasText: 'Already exists' })).toHaveCount(1);
  expect(await docker(A, 'image', 'inspect', '-f', '{{.Id}}', OPEN)).toMatch(/^sha256:/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: h.REGISTRY_IMAGE.split(':')[0] })
      .first(),
  ).toBeVisible();

  const panel = page.getByRole('region', { name: 'Background tasks' });
  const task = panel.getByTestId('task').filter({ hasText: `Pull ${OPEN}` });
  await expect(task).toHaveAttribute('data-state', 'succeeded');
  await task.getByText('Details').click();
  await expect(task.getByTestId('layer')).toHaveCount(4);

  // Another page: the shell, its panel and the task stay.
  await page.getByRole('link', { name: 'Containers' }).first().click();
  await expect(page).toHaveURL(/\/containers/);
  await expect(panel.getByTestId('task').filter({ hasText: `Pull ${OPEN}` })).toBeVisible();
  // A full reload too: the task stream's snapshot brings the finished task back.
  await page.reload();
  await page.getByRole('region', { name: 'Background tasks' }).getByRole('button', { name: /Tasks/ }).click();
  await expect(
    page
      .getByRole('region', { name: 'Background tasks' })
      .getByTestId('task')
      .filter({ hasText: `Pull ${OPEN}` }),
  ).toBeVisible();
});

test('a wrong password shows the registry to check, in the dialog and as a failed task', async ({ page }) => {
  await page.goto(`/images?host=${await hostA(page)}`);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Image').fill(AUTH);
  await dialog.getByText('Use other credentials for this pull').click();
  await dialog.getByLabel('User name').fill(h.REGISTRY_USER);
  await dialog.getByLabel('Password or token').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`check the credentials of registry ${h.REGISTRY_AUTH}`, { timeout: 30_000 });
  await expect(
    page
      .getByRole('region', { name: 'Background tasks' })
      .getByTestId('task')
      .filter({ hasText: `Pull ${AUTH}` })
      .first(),
  ).toHaveAttribute('data-state', 'failed');
});

test('adds a registry in Settings (login tested first); its password is never shown; pulls then use it', async ({ page }) => {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Add registry' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(registryName);
  await dialog.getByLabel('Address').fill(h.REGISTRY_AUTH);
  await dialog.getByLabel('User name').fill(h.REGISTRY_USER);
  await dialog.getByLabel('Password or token').fill(h.REGISTRY_PASSWORD);
  await dialog.getByRole('button', { name: 'Test login' }).click();
  await expect(dialog.getByRole('status')).toContainText(`logged in to ${h.REGISTRY_AUTH} as ${h.REGISTRY_USER}`);
  await dialog.getByRole('button', { name: 'Add registry' }).click();
  const row = page.getByTestId('registry-row').filter({ hasText: registryName });
  await expect(row).toContainText(h.REGISTRY_AUTH);
  await expect(row).toContainText('stored');

  await page.reload();
  expect(await page.content()).not.toContain(h.REGISTRY_PASSWORD);
  expect(await (await page.request.get('/api/v1/registries')).text()).not.toContain(h.REGISTRY_PASSWORD);
  await page.getByRole('button', { name: `Edit registry ${registryName}` }).click();
  const password = page.getByRole('dialog').getByLabel('Password or token');
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', '(stored, not shown)');
  // The stored password still works for "Test login" with the field left empty.
  await page.getByRole('dialog').getByRole('button', { name: 'Test login' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('logged in');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`/images?host=${await hostA(page)}`);
  const pull = await pullThroughDialog(page, AUTH);
  await expect(pull.getByTestId('pull-progress').getByRole('status')).toHaveText(`Pulled ${AUTH} on ${machineName()}`, { timeout: 30_000 });
  await pull.getByRole('button', { name: 'Close', exact: true }).first().click();

  await page.goto('/settings');
  await page.getByRole('button', { name: `Remove registry ${registryName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('registry-row').filter({ hasText: registryName })).toHaveCount(0);
});

test('builds from an uploaded Dockerfile with the log in the dialog; a failing RUN names its step', async ({ page }) => {
  const tag = `e2e-build/${Date.now().toString(36)}:1`;
  try {
    await page.goto(`/images?host=${await hostA(page)}`);
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const upload = (text: string) =>
      dialog.getByLabel('Dockerfile or context archive').setInputFiles({ name: 'Dockerfile', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await upload(`FROM ${h.TEST_IMAGE}\nARG WHO=nobody\nRUN echo "built by $WHO"\n`);
    await dialog.getByLabel('Tag (optional)').fill(tag);
    await dialog.getByLabel('Build args (optional)').fill('WHO=e2e');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const progress = dialog.getByTestId('build-progress');
    await expect(progress.getByRole('status')).toContainText(`Built ${tag}`, { timeout: 60_000 });
    await expect(progress.getByTestId('task-log')).toContainText('built by e2e');
    expect(await docker(A, 'image', 'inspect', '-f', '{{.Id}}', tag)).toMatch(/^sha256:/);

    await upload(`FROM ${h.TEST_IMAGE}\nRUN echo about-to-fail && exit 7\n`);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(progress.getByRole('alert')).toContainText('Step 2/2 (RUN echo about-to-fail && exit 7) failed', { timeout: 60_000 });
    await expect(progress.getByTestId('task-log')).toContainText('about-to-fail');
  } finally {
    await docker(A, 'rmi', '-f', tag).catch(() => undefined);
  }
});
