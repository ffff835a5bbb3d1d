import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

const h = harness();
const A = h.DOCKER_A_SOCKET;
const suffix = Date.now().toString(36);
const volume = `e2e-vol-${suffix}`;
const network = `e2e-net-${suffix}`;
const user = `e2e-vol-user-${suffix}`;

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await docker(A, 'rm', '-f', user).catch(() => undefined);
  await docker(A, 'volume', 'rm', '-f', volume).catch(() => undefined);
  await docker(A, 'network', 'rm', network).catch(() => undefined);
});

/** Daemon A is the machine's socket, registered on first start: works alone or after the other specs. */
async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

test('creates a volume from the UI, which the docker CLI then lists; refuses to remove it while in use; removes it', async ({ page }) => {
  await page.goto(`/volumes?host=${await hostA(page)}`);
  await page.getByRole('button', { name: 'Create volume' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(volume);
  await dialog.getByRole('button', { name: 'Add labels' }).click();
  await dialog.getByLabel('Labels key 1').fill('e2e');
  await dialog.getByLabel('Labels value 1').fill('yes');
  await dialog.getByRole('button', { name: 'Create volume' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Created volume ${volume}`);
  const row = page.locator(`[data-testid="volume-row"][data-name="${volume}"]`);
  await expect(row).toBeVisible();
  expect((await docker(A, 'volume', 'ls', '-q')).split('\n')).toContain(volume);
  expect(await docker(A, 'volume', 'inspect', '-f', '{{.Labels.e2e}}', volume)).toBe('yes');

  // 2 MiB of data in it: sizes show only once asked for, then as the Engine measures them
  await docker(A, 'run', '--name', user, '-v', `${volume}:/data`, h.TEST_IMAGE, 'dd', 'if=/dev/zero', 'of=/data/blob', 'bs=1048576', 'count=2');
  await page.reload();
  await expect(row.getByTestId('used-by')).toContainText(user);
  await expect(row.getByTestId('volume-size')).toHaveText('—');
  await page.getByRole('button', { name: 'Measure sizes' }).click();
  await expect(row.getByTestId('volume-size')).toHaveText('2 MiB');
  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove volume' }).click();
  await expect(page.getByTestId('confirm-error')).toContainText(`Volume ${volume} is in use by container ${user}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect((await docker(A, 'volume', 'ls', '-q')).split('\n')).toContain(volume);

  await docker(A, 'rm', '-f', user);
  await page.reload();
  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove volume' }).click();
  await expect(row).toHaveCount(0);
  expect((await docker(A, 'volume', 'ls', '-q')).split('\n')).not.toContain(volume);
});

test('creates a network from the UI after a subnet the form refuses, then removes it; the docker CLI agrees', async ({ page }) => {
  await page.goto(`/networks?host=${await hostA(page)}`);
  await expect(page.locator('[data-testid="network-row"][data-name="bridge"]')).toBeVisible();
  await page.getByRole('button', { name: 'Create network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(network);
  await dialog.getByLabel('Subnet', { exact: true }).fill('10.232.300.0/24');
  await dialog.getByRole('button', { name: 'Create network' }).click();
  await expect(dialog).toContainText('is not a subnet: write it in CIDR form');
  const subnet = `10.232.${200 + Math.floor(Math.random() * 50)}.0/24`;
  await dialog.getByLabel('Subnet', { exact: true }).fill(subnet);
  await dialog.getByRole('button', { name: 'Create network' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Created network ${network} (${subnet})`);
  const row = page.locator(`[data-testid="network-row"][data-name="${network}"]`);
  await expect(row).toContainText(subnet);
  expect(await docker(A, 'network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', network)).toBe(subnet);

  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove network' }).click();
  await expect(row).toHaveCount(0);
  expect((await docker(A, 'network', 'ls', '--format', '{{.Name}}')).split('\n')).not.toContain(network);
});
