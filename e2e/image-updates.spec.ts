import { expect, type Page, test } from '@playwright/test';
import { docker, harness, type HarnessEnv, machineName } from './support';

type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string };
const h = harness() as RegistryEnv;
const A = h.DOCKER_A_SOCKET;
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const repo = `${h.REGISTRY_OPEN}/upd-e2e-${suffix}`;
const ref = `${repo}:1`;
const name = `upd-e2e-${suffix}`;
let oldId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // an image in the loopback registry, and a container running it
  await docker(A, 'tag', h.TEST_IMAGE, ref);
  await docker(A, 'push', ref);
  oldId = await docker(A, 'image', 'inspect', '-f', '{{.Id}}', ref);
  await docker(A, 'run', '-d', '--init', '--name', name, ref, 'sleep', '3600');
  // someone else pushes a newer image under the same tag (a commit with one more label); the host keeps the old one
  await docker(A, 'commit', '--change', `LABEL berth.e2e.update=${suffix}`, name, `${repo}:next`);
  await docker(A, 'tag', `${repo}:next`, ref);
  await docker(A, 'push', ref);
  await docker(A, 'tag', oldId, ref);
  await docker(A, 'rmi', `${repo}:next`);
});

test.afterAll(async () => {
  await docker(A, 'rm', '-f', name).catch(() => undefined);
  await docker(A, 'rmi', '-f', ref).catch(() => undefined);
});

async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

test('"Check for updates" on the Images page puts "Update available" on the container row and the image row; Update clears it', async ({ page }) => {
  const host = await hostA(page);
  await page.goto('/containers');
  const row = page.locator(`[data-testid="container-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('update-available')).toHaveCount(0);

  await page.goto(`/images?host=${host}`);
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(page.getByText(/image(s have| has) an update/)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(`[data-testid="image-row"][data-name="${ref}"]`).getByTestId('update-available')).toBeVisible();

  await page.getByRole('link', { name: 'Containers' }).first().click();
  await expect(row.getByTestId('update-available')).toBeVisible();
  await expect(row.getByTestId('update-available')).toHaveAttribute('data-image', ref);

  // the container page offers Update
  await row.getByRole('link', { name }).click();
  await expect(page.getByTestId('container-detail').getByTestId('update-available')).toBeVisible();
  await expect(page.getByTestId('update-image')).toBeVisible();

  // Update: pulled and recreated (a task), checked again, and the badge goes
  await page.getByTestId('update-image').click();
  await expect(page.getByText(`Updating ${name}`)).toBeVisible();
  await page.goto('/containers');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('update-available')).toHaveCount(0, { timeout: 45_000 });
  expect(await docker(A, 'inspect', '-f', '{{.Config.Image}}', name)).toBe(ref);
  expect(await docker(A, 'inspect', '-f', '{{.Image}}', name)).not.toBe(oldId);
});
