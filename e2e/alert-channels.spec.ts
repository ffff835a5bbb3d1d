import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

/**
 * Issue #17 point 2 in the browser (an admin): Settings › Alert channels adds a webhook channel pointing at a loopback
 * receiver of this spec, Send test shows "delivered" and the receiver has the signed body; the edit form says the
 * secrets are set without showing them; the deliveries dialog lists the attempt; then the channel is removed.
 */
const tag = Date.now().toString(36);
const name = `hook-${tag}`;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let url = '';

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/berth?token=e2e-secret-${tag}`;
});
test.afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

test('create a webhook channel, Send test, see delivered', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Alert channels' }).click();
  await expect(page).toHaveURL(/\/settings\/alert-channels$/);
  await page.getByRole('button', { name: 'Add channel' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add an alert channel' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Webhook URL').fill('ftp://nope');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog.getByText('Webhook URL must start with http:// or https:// (not ftp:)')).toBeVisible();
  await dialog.getByLabel('Webhook URL').fill(url);
  await dialog.getByLabel('Signing secret').fill(`sign-${tag}`);
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('channel-row').filter({ hasText: name });
  await expect(row).toContainText('webhook');
  // the URL's path and query hold its token: only scheme, host and port are shown
  await expect(row).toContainText(/http:\/\/127\.0\.0\.1:\d+\/…/);
  await expect(page.getByText(`e2e-secret-${tag}`)).toHaveCount(0);

  await row.getByRole('button', { name: `Send test to ${name}` }).click();
  const result = page.getByTestId('channel-test-result');
  await expect(result).toContainText('delivered');
  await expect(result).toContainText('HTTP 200');
  expect(received).toHaveLength(1);
  expect(received[0].headers['x-berth-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(JSON.parse(received[0].body)).toMatchObject({ type: 'berth.alert', alert: { ruleName: 'Test alert' } });

  await row.getByRole('button', { name: `Edit ${name}` }).click();
  dialog = page.getByRole('dialog', { name: `Edit alert channel ${name}` });
  await expect(dialog.getByLabel('Webhook URL')).toHaveValue('');
  await expect(dialog.getByText('set — leave blank to keep')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: `Deliveries to ${name}` }).click();
  dialog = page.getByRole('dialog', { name: `Deliveries to ${name}` });
  await expect(dialog.getByTestId('channel-deliveries')).toContainText('delivered');
  await expect(dialog.getByTestId('channel-deliveries')).toContainText('HTTP 200');
  // the footer's Close (the title bar has an icon button of the same name)
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await row.getByRole('button', { name: `Remove ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Remove alert channel ${name}?` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(page.getByTestId('channel-row').filter({ hasText: name })).toHaveCount(0);
});
