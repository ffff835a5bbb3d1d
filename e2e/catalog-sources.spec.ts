import { expect, test } from '@playwright/test';
import { harness } from './support';

/**
 * Issue #12, catalog sources in the browser (an admin): Settings › Catalog sources refuses a git URL using a helper
 * transport (the cause shown, nothing added), adds an uploaded CapRover file, lists it with its template count, and
 * its template ("<source>/<template>": the id holds a "/") opens from the catalog and previews; then it is removed.
 */
const h = harness();
const tag = Date.now().toString(36);
const sourceName = `Uploaded ${tag}`;
const sourceId = `uploaded-${tag}`;
const app = `echo-${tag}`;
const caprover = `captainVersion: 4
services:
  $$cap_appname:
    image: ${h.TEST_IMAGE}
    command: sleep 600
    environment:
      MESSAGE: $$cap_message
caproverOneClickApp:
  variables:
    - id: $$cap_message
      label: Message
      defaultValue: hello from ${tag}
  displayName: Echo ${tag}
  description: says hello
  instructions:
    start: starts
    end: done
`;

test.afterAll(async ({ request }) => {
  await request.delete(`/api/v1/catalog/sources/${sourceId}`).catch(() => undefined);
});

test('add a catalog source by upload, open its template from the catalog, remove it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/settings');
  const section = page.locator('#catalog-sources');
  await expect(section.getByText('Catalog sources', { exact: true })).toBeVisible();

  await section.getByRole('button', { name: 'Add source' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a catalog source' });
  await dialog.getByLabel('Name', { exact: true }).fill('Refused');
  await dialog.getByLabel('Repository URL').fill('ext::sh -c id');
  await dialog.getByRole('button', { name: 'Add source' }).click();
  await expect(dialog.getByTestId('source-error')).toContainText('makes git run a helper program');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(section.getByTestId('catalog-source-row')).toHaveCount(0);

  await section.getByRole('button', { name: 'Add source' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a catalog source' });
  await dialog.getByText('Upload a file').click();
  await dialog.getByLabel('Catalog file', { exact: true }).setInputFiles({ name: `${app}.yml`, mimeType: 'text/yaml', buffer: Buffer.from(caprover) });
  await dialog.getByLabel('Name', { exact: true }).fill(sourceName);
  await dialog.getByLabel('Format', { exact: true }).selectOption('caprover');
  await dialog.getByRole('button', { name: 'Add source' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  const row = section.getByTestId('catalog-source-row').filter({ hasText: sourceName });
  await expect(row).toContainText(`${sourceId}/`);
  await expect(row.locator('td').nth(2)).toHaveText('1');

  await page.goto('/catalog');
  await page.getByTestId('catalog-search').fill(`Echo ${tag}`);
  const card = page.locator(`[data-testid="catalog-card"][data-id="${sourceId}/${app}"]`);
  await card.getByRole('link', { name: `Echo ${tag}` }).click();
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/catalog/${sourceId}/${app}`);
  await expect(page.getByRole('heading', { name: `Echo ${tag}` })).toBeVisible();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('catalog-preview')).toContainText(`MESSAGE: "hello from ${tag}"`);

  await page.goto('/settings');
  await section.getByRole('button', { name: `Remove catalog source ${sourceName}` }).click();
  await page
    .getByRole('dialog', { name: `Remove catalog source ${sourceName}?` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(section.getByTestId('catalog-source-row')).toHaveCount(0);
});
