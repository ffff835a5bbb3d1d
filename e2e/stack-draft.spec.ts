import { expect, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * The stack page's editors follow the stored file until the user edits them: a rollback, a catalog upgrade or another
 * user's save must not leave an old draft that the next Deploy would quietly deploy again. An edited draft is kept,
 * with a warning that offers the stored file.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-draft-${Date.now().toString(36)}`;
const file = (motto: string) => `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    command: ["sleep", "3600"]\n    environment:\n      MOTTO: ${motto}\n`;

let host = '';

test.afterAll(async ({ request }) => {
  await request.delete(`/api/v1/hosts/${host}/stacks/${name}`).catch(() => undefined);
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
});

test('an untouched draft follows the stored file; an edited one is kept and the change is announced', async ({ page }) => {
  const { hosts } = (await (await page.request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] };
  host = hosts.find((x) => x.name === machineName())!.id;
  expect((await page.request.post(`/api/v1/hosts/${host}/stacks`, { data: { name, compose: file('first'), env: '' } })).status()).toBe(201);
  await page.goto(`/stacks/${host}/${name}`);
  const editor = page.locator('.cm-content');
  await expect(editor).toContainText('MOTTO: first');

  // stored elsewhere (here: the API, as another user or an operation would): the untouched draft follows
  const save = (motto: string) => page.request.put(`/api/v1/hosts/${host}/stacks/${name}`, { data: { compose: file(motto), env: '' } });
  expect((await save('second')).status()).toBe(200);
  await expect(editor).toContainText('MOTTO: second', { timeout: 15_000 });
  await expect(page.getByText('changed since you started editing')).toHaveCount(0);

  // an edited draft stays, and says the stored file moved on
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# my edit');
  expect((await save('third')).status()).toBe(200);
  await expect(page.getByText('The stored compose file changed since you started editing')).toBeVisible({ timeout: 15_000 });
  await expect(editor).toContainText('# my edit');
  await page.getByRole('button', { name: 'Load the stored one' }).click();
  await expect(editor).toContainText('MOTTO: third');
  await expect(editor).not.toContainText('# my edit');
  await expect(page.getByText('changed since you started editing')).toHaveCount(0);
});
