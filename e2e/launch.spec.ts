import { expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

const h = harness();
const A = h.DOCKER_A_SOCKET;
const suffix = Date.now().toString(36);
const name = `e2e-launch-${suffix}`;
const copy = `e2e-launch-copy-${suffix}`;
const holder = `e2e-launch-holder-${suffix}`;
const volume = `e2e-launch-vol-${suffix}`;
const port = 20000 + Math.floor(Math.random() * 20000);

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  for (const c of [name, copy, holder, `${name}-bound`]) await docker(A, 'rm', '-f', c).catch(() => undefined);
  await docker(A, 'volume', 'rm', '-f', volume).catch(() => undefined);
});

async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

const row = (page: Page, n: string) => page.locator(`[data-testid="container-row"][data-name="${n}"]`);
const form = (page: Page) => page.getByTestId('launch-form');

test('launches a container from the form (env rows and a pasted .env, a port, a volume, a label, a restart policy); it appears running', async ({ page }) => {
  await page.goto(`/containers?host=${await hostA(page)}`);
  await page.getByTestId('launch-container').click();
  await expect(page.getByRole('heading', { name: 'Launch a container' })).toBeVisible();
  const f = form(page);
  await f.getByLabel('Image', { exact: true }).fill(h.TEST_IMAGE);
  await f.getByLabel('Name', { exact: true }).fill(name);
  await f.getByLabel('Command', { exact: true }).fill(`sh -c "trap 'exit 0' TERM; sleep 300 & wait"`);

  await f.getByRole('button', { name: 'Add variable' }).click();
  await f.getByLabel('Variable 1 name').fill('GREETING');
  await f.getByLabel('Variable 1 value').fill('hello=world');
  await f.getByRole('button', { name: 'Paste .env…' }).click();
  await f.getByLabel(/Paste a .env block/).fill('# from a file\nexport DB_URL="postgres://db/x?a=b"\n1BAD=x');
  await f.getByRole('button', { name: 'Add variables' }).click();
  await expect(f.getByTestId('dotenv-errors')).toContainText('line 3: "1BAD" is not a valid variable name');
  await expect(f.getByLabel('Variable 2 name')).toHaveValue('DB_URL');
  await expect(f.getByLabel('Variable 2 value')).toHaveValue('postgres://db/x?a=b');

  await f.getByRole('button', { name: 'Add port' }).click();
  await f.getByLabel('Port 1 container port').fill('80');
  await f.getByRole('button', { name: 'Add volume' }).click();
  await f.getByLabel('Volume 1 volume name').fill(volume);
  await f.getByLabel('Volume 1 container path').fill('data');
  await f.getByText('Labels', { exact: true }).click();
  await f.getByRole('button', { name: 'Add label' }).click();
  await f.getByLabel('Label 1 name').fill('e2e');
  await f.getByLabel('Label 1 value').fill('launch');
  await f.getByText('Restart policy and limits').click();
  await f.getByLabel('Restart policy', { exact: true }).selectOption('unless-stopped');
  await f.getByLabel('Memory limit').fill('64m');
  await f.getByText('DNS, hosts, tmpfs, logging and ulimits').click();
  await f.getByLabel('Tmpfs mounts', { exact: true }).fill('/run:size=1m');

  // The mount path is relative: zod's message shows at the field and nothing is sent.
  await page.getByTestId('launch-submit').click();
  await expect(page.locator('#launch-volumes-0-target-error')).toHaveText('Mount path "data" must be an absolute path inside the container, like /data');
  await f.getByLabel('Volume 1 container path').fill('/data');
  await page.getByTestId('launch-submit').click();

  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-name', name);
  await page.goto('/containers');
  // The list is virtualized and may hold many containers: filter it down to this one.
  await page.getByPlaceholder(/^Search name/).fill(name);
  await expect(row(page, name)).toHaveAttribute('data-state', 'running');
  expect(await docker(A, 'inspect', '-f', '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}} {{index .Config.Labels "e2e"}}', name)).toBe(
    `unless-stopped ${64 * 1024 * 1024} launch`,
  );
  expect(await docker(A, 'exec', name, 'sh', '-c', 'echo "$GREETING $DB_URL"; grep -c " /data " /proc/mounts')).toBe('hello=world postgres://db/x?a=b\n1');
  expect(await docker(A, 'port', name, '80/tcp')).toMatch(/:\d+/);
});

async function openDetail(page: Page, n: string) {
  const id = await docker(A, 'inspect', '-f', '{{.Id}}', n);
  await page.goto(`/hosts/${await hostA(page)}/containers/${id}`);
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-name', n);
}

test('Duplicate opens the same form prefilled with the name cleared, and launches a copy', async ({ page }) => {
  await openDetail(page, name);
  await page.locator('[data-action="duplicate"]').click();
  await expect(page.getByRole('heading', { name: 'Duplicate container' })).toBeVisible();
  const f = form(page);
  await expect(f.getByLabel('Image', { exact: true })).toHaveValue(h.TEST_IMAGE);
  await expect(f.getByLabel('Name', { exact: true })).toHaveValue('');
  await expect(f.getByLabel('Variable 1 name')).toHaveValue('GREETING');
  await expect(f.getByLabel('Label 1 value')).toHaveValue('launch');
  await f.getByLabel('Name', { exact: true }).fill(copy);
  await page.getByTestId('launch-submit').click();
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-name', copy);
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'running');
  expect(await docker(A, 'inspect', '-f', '{{index .Config.Labels "e2e"}} {{.HostConfig.RestartPolicy.Name}}', copy)).toBe('launch unless-stopped');
});

test('Edit & recreate shows what changes, then replaces the container under the same name with its volume', async ({ page }) => {
  const oldId = await docker(A, 'inspect', '-f', '{{.Id}}', name);
  await docker(A, 'exec', name, 'sh', '-c', 'echo kept > /data/f');
  await openDetail(page, name);
  await page.locator('[data-action="recreate"]').click();
  await expect(page.getByRole('heading', { name: 'Edit & recreate' })).toBeVisible();
  const f = form(page);
  await f.getByLabel('Variable 1 value').fill('bonjour');
  await page.getByTestId('launch-submit').click();
  const diff = page.getByTestId('launch-diff');
  await expect(diff.locator('[data-field="env"]')).toContainText('− GREETING=hello=world');
  await expect(diff.locator('[data-field="env"]')).toContainText('+ GREETING=bonjour');
  await expect(diff.locator('[data-field]')).toHaveCount(1);
  await expect(page.getByTestId('launch-diff-kept')).toContainText('tmpfs /run:size=1m');
  await page.getByTestId('recreate-apply').click();
  await expect(page.getByTestId('toast')).toContainText(`Recreated ${name}`);
  await expect(page.getByRole('region', { name: 'Background tasks' })).toContainText(`Recreate ${name}`);
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'running');
  const newId = await docker(A, 'inspect', '-f', '{{.Id}}', name);
  expect(newId).not.toBe(oldId);
  expect(await docker(A, 'exec', name, 'sh', '-c', 'echo $GREETING; cat /data/f; grep -c " /run tmpfs" /proc/mounts')).toBe('bonjour\nkept\n1');
});

test('a host port already in use is refused with the name of the container holding it', async ({ page }) => {
  await docker(A, 'run', '-d', '--name', holder, '-p', `${port}:80`, h.TEST_IMAGE, 'sleep', '300');
  await page.goto(`/containers/new?host=${await hostA(page)}`);
  const f = form(page);
  await f.getByLabel('Image', { exact: true }).fill(h.TEST_IMAGE);
  await f.getByLabel('Name', { exact: true }).fill(`${name}-bound`);
  await f.getByLabel('Command', { exact: true }).fill('sleep 300');
  await f.getByRole('button', { name: 'Add port' }).click();
  await f.getByLabel('Port 1 host port').fill(String(port));
  await f.getByLabel('Port 1 container port').fill('80');
  await page.getByTestId('launch-submit').click();
  await expect(page.getByTestId('launch-error')).toContainText(`Port ${port} on host ${machineName()} is already used by container ${holder}`);
  const left = (await docker(A, 'ps', '-a', '--format', '{{.Names}}')).split('\n');
  expect(left).not.toContain(`${name}-bound`);
});
