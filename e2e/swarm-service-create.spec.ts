import { expect, test } from '@playwright/test';
import { registerSwarmManager, removeHost } from './support';

/**
 * Creating a Swarm service from the form (issue #14 point 3) on the harness swarm: the manager is added through the
 * API, the form is filled in the browser, and the service is then found in the swarm's list. Whatever is made here is
 * removed afterwards; other suites share the swarm, so the name carries this run's prefix.
 */
const name = `create-e2e-${Math.random().toString(36).slice(2, 7)}`;
const port = 30000 + Math.floor(Math.random() * 2000);
let hostId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  hostId = await registerSwarmManager(request, 'swarm');
});

test.afterAll(async ({ request }) => {
  if (!hostId) return;
  await request.delete(`/api/v1/hosts/${hostId}/swarm/services/${name}`).catch(() => undefined);
  await removeHost(request, hostId);
});

test('fills the service form, shows the schema messages at the fields, creates the service and lists it', async ({ page, request }) => {
  await page.goto(`/hosts/${hostId}/swarm/services/new`);
  const form = page.getByTestId('service-form');
  await form.getByLabel('Service name').fill('my.web');
  await form.getByLabel('Image', { exact: true }).fill('berth-test/busybox:latest');
  await form.getByLabel('Command', { exact: true }).fill('httpd -f -p 8080 -h /tmp');
  await form.getByLabel('Replicas', { exact: true }).fill('2');
  await form.getByRole('button', { name: 'Add port' }).click();
  await form.getByLabel('Port 1 published port').fill(String(port));
  await form.getByLabel('Port 1 container port').fill('8080');
  await expect(form.getByLabel('Port 1 mode')).toHaveValue('host');
  await form.getByLabel('Endpoint mode').selectOption('dnsrr');
  await page.getByTestId('service-submit').click();
  // The schema's message is at the field; nothing was sent.
  await expect(page.locator('#service-name-error')).toContainText('Service name may use letters, digits, "-" and "_"');
  await form.getByLabel('Service name').fill(name);
  await page.getByTestId('service-submit').click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}/swarm/services/${name}$`));
  // The swarm's list has it, as the Engine made it.
  const list = (await (await request.get(`/api/v1/hosts/${hostId}/swarm/services`)).json()).services as { name: string }[];
  expect(list.map((s) => s.name)).toContain(name);
  await page.goto(`/hosts/${hostId}/swarm`);
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
});

test('edits the service from its page: the form comes prefilled and the update rolls', async ({ page, request }) => {
  await page.goto(`/hosts/${hostId}/swarm/services/${name}`);
  await page.getByTestId('service-edit').click();
  const form = page.getByTestId('service-form');
  await expect(form.getByLabel('Service name')).toHaveValue(name);
  await expect(form.getByLabel('Service name')).toHaveAttribute('readonly', '');
  await expect(form.getByLabel('Command', { exact: true })).toHaveValue('httpd -f -p 8080 -h /tmp');
  await expect(form.getByLabel('Port 1 published port')).toHaveValue(String(port));
  await form.getByText('Environment', { exact: true }).click();
  await form.getByRole('button', { name: 'Add variable' }).click();
  await form.getByLabel('variable 1 name').fill('GREETING');
  await form.getByLabel('variable 1 value').fill('hello');
  await page.getByTestId('service-submit').click();
  await expect(page.getByText(`Rolling update of service ${name} started`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}/swarm/services/${name}$`));
  const now = (await (await request.get(`/api/v1/hosts/${hostId}/swarm/services/${name}/update`)).json()).service;
  expect(now.form.env).toEqual([{ key: 'GREETING', value: 'hello' }]);
});
