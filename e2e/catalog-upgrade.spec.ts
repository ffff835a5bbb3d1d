import { expect, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Issue #12 point 6 in the browser: a stack launched from e2e/catalog/e2e-upgrade 1.0 shows the Catalog app card with
 * "v2.0 available"; the upgrade form asks only 2.0's new question, previews the plan, upgrades (followed like any
 * deploy) keeping the old answer and the password; a rollback through the history shows 1.0 again.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-catup-${Date.now().toString(36)}`;

test.afterAll(async () => {
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
});

const envOf = async () => {
  const env = JSON.parse(await docker(A, 'inspect', '-f', '{{json .Config.Env}}', `${name}-app-1`)) as string[];
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
};

test('upgrade a catalog app from its stack page with only the new question, then roll back to the old version', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  const host = hosts.find((x) => x.name === machineName())!.id;
  const launched = await page.request.post(`/api/v1/hosts/${host}/catalog/e2e-upgrade/deploy`, {
    data: { stack: name, version: '1.0', answers: { motto: 'hello' }, wait: true },
    headers: { Origin: baseURL! },
  });
  expect(launched.status(), await launched.text()).toBe(201);
  const { SECRET: secret } = await envOf();
  // The deploy made a bridge for the stack on this machine, and its addresses keep changing for a moment after the
  // first container starts (likely the IPv6 link-local one, after duplicate address detection). Chromium takes that
  // for a network change and fails the request in flight with ERR_NETWORK_CHANGED: a CI run lost the form's first
  // Upgrade click to it, 1.6 s after the deploy returned. A user would click again; the test lets the bridge settle.
  await page.waitForTimeout(3_000);

  await page.goto(`/stacks/${host}/${name}`);
  const card = page.getByTestId('catalog-app');
  await expect(card).toContainText('E2E upgrade');
  await expect(page.getByTestId('catalog-app-version')).toHaveText('v1.0');
  await expect(page.getByText('v2.0 available')).toBeVisible();

  await page.getByRole('button', { name: 'Upgrade…' }).click();
  const form = page.getByRole('form', { name: 'Upgrade the catalog app' });
  await expect(form.getByLabel('Version')).toHaveValue('2.0');
  // only the new question: the motto and the password are kept
  await expect(form.getByLabel(/^Colour/)).toBeVisible();
  await expect(form.getByLabel(/^Motto/)).toHaveCount(0);
  await expect(form.getByLabel(/^Secret/)).toHaveCount(0);

  // a missing required answer is shown at its field, and nothing is deployed
  await form.getByRole('button', { name: 'Upgrade to v2.0' }).click();
  await expect(form.getByText('Colour is required')).toBeVisible();
  expect((await envOf()).RELEASE).toBe('1.0');

  await form.getByLabel(/^Colour/).selectOption('blue');
  await form.getByRole('button', { name: 'Preview plan' }).click();
  await expect(form.getByText('Plan: 0 to create, 1 to recreate, 0 to remove, 0 unchanged')).toBeVisible();
  expect((await envOf()).RELEASE).toBe('1.0');

  await form.getByRole('button', { name: 'Upgrade to v2.0' }).click();
  await expect(page.getByText('deploy · succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('catalog-app-version')).toHaveText('v2.0', { timeout: 15_000 });
  await expect(page.getByText('v2.0 available')).toBeHidden();
  expect(await envOf()).toMatchObject({ MOTTO: 'hello', SECRET: secret, COLOUR: 'blue', RELEASE: '2.0' });

  await page.getByRole('button', { name: 'Roll back to v1' }).click();
  await expect(page.getByText('rollback · succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('catalog-app-version')).toHaveText('v1.0', { timeout: 15_000 });
  await expect(page.getByText('v2.0 available')).toBeVisible();
  expect(await envOf()).toMatchObject({ MOTTO: 'hello', SECRET: secret, RELEASE: '1.0' });
});
