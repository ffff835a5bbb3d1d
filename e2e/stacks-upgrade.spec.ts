import { expect, test, type Page } from '@playwright/test';
import { docker, harness, machineName } from './support';

const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-upgrade-${Date.now().toString(36)}`;
/** a second tag of the harness image: the upgrade target (no registry here, so no real second version to pull) */
const NEW_IMAGE = `berth-e2e-upgrade:${Date.now().toString(36)}`;

test.beforeAll(async () => {
  await docker(A, 'tag', h.TEST_IMAGE, NEW_IMAGE);
});
test.afterAll(async () => {
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
  await docker(A, 'rmi', NEW_IMAGE).catch(() => undefined);
});

async function whyNot(page: Page) {
  const alerts = await page.getByRole('alert').allInnerTexts();
  const main = await page
    .getByRole('main')
    .innerText()
    .catch(() => '');
  return JSON.stringify({ alerts, main: main.slice(0, 2000) });
}

test('start a rolling upgrade from the stack page, see Finish and Rollback, roll back: the old container runs again', async ({ page, baseURL }) => {
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  const host = hosts.find((x) => x.name === machineName())!.id;
  const compose = `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n`;
  const created = await page.request.post(`/api/v1/hosts/${host}/stacks`, { data: { name, compose, env: '', deploy: true }, headers: { Origin: baseURL! } });
  expect(created.status()).toBe(201);
  const before = await docker(A, 'inspect', '-f', '{{.Id}}', `${name}-web-1`);

  await page.goto(`/stacks/${host}/${name}`);
  await page.getByLabel('New image').fill(NEW_IMAGE);
  await page.getByLabel('Interval between batches (ms)').fill('0');
  await page.getByRole('button', { name: 'Start upgrade' }).click();

  const pending = page.getByTestId('upgrade-pending');
  await expect(pending)
    .toBeVisible({ timeout: 30_000 })
    .catch(async (e: Error) => {
      // say what the page showed instead (an error, the operation's log), so a failure in CI can be read from its log
      throw new Error(`${e.message}\nthe page said instead: ${await whyNot(page)}`);
    });
  await expect(pending).toContainText(`${name}-web-1-old-up`);
  await expect(page.getByRole('button', { name: 'Finish Upgrade' })).toBeVisible();
  expect(await docker(A, 'inspect', '-f', '{{.Config.Image}} {{.State.Status}}', `${name}-web-1`)).toBe(`${NEW_IMAGE} running`);

  await page.getByRole('button', { name: 'Rollback' }).click();
  await expect(pending).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Start upgrade' })).toBeVisible();
  await expect
    .poll(() => docker(A, 'inspect', '-f', '{{.Id}} {{.Config.Image}} {{.State.Status}}', `${name}-web-1`), { timeout: 15_000 })
    .toBe(`${before} ${h.TEST_IMAGE} running`);
  const names = await docker(A, 'ps', '-a', '--filter', `label=com.docker.compose.project=${name}`, '--format', '{{.Names}}');
  expect(names).toBe(`${name}-web-1`);
});
