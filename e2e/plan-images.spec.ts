import { expect, test } from '@playwright/test';
import { machineName } from './support';

/** Issue #15 point 3: before Deploy, the plan says which images would be pulled and warns when one cannot be. */
const name = `e2e-pull-${Date.now().toString(36)}`;

test('the plan names the image to pull and warns, cause first, that its registry refuses the connection', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  const host = hosts.find((h) => h.name === machineName())!.id;
  const compose = 'services:\n  web:\n    image: 127.0.0.1:9/berth-test/nowhere:1\n';
  const created = await page.request.post(`/api/v1/hosts/${host}/stacks`, { data: { name, compose, env: '', deploy: false } });
  expect(created.status()).toBe(201);
  try {
    await page.goto(`/stacks/${host}/${name}`);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await expect(page.getByTestId('plan').locator('[data-action="pull"]')).toContainText('pulled from 127.0.0.1:9 before anything changes');
    await expect(page.getByTestId('plan-warning')).toHaveText(
      /^connection refused: 127\.0\.0\.1:9\/berth-test\/nowhere:1 cannot be pulled from 127\.0\.0\.1:9/,
    );
  } finally {
    await page.request.delete(`/api/v1/hosts/${host}/stacks/${name}`);
  }
});
