import fs from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * The admin screens of issue #3: Users, Settings → Access and API tokens, Activity (the audit log); then a viewer
 * made on the Users page signs in and is refused, with the server's own words, wherever a viewer may not go.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const suffix = Date.now().toString(36);
const viewer = { username: `e2e-viewer-${suffix}`, password: `Quiet-Harbour-${suffix}-9` };
const team = `acme/qa-${suffix}`;
const running = `e2e-access-${suffix}`;

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await docker(A, 'rm', '-f', running).catch(() => undefined);
});

async function hostA(page: Page): Promise<{ id: string; name: string }> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!;
}

async function signIn(browser: Browser, who: { username: string; password: string }): Promise<Page> {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

test('an admin adds a local viewer on the Users page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.locator('[data-testid="user-row"][data-name="admin"]')).toContainText('admin on all hosts');

  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('User name').fill(viewer.username);
  await dialog.getByLabel('Password').fill('short');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toContainText('Use at least 8 characters');
  await dialog.getByLabel('Password').fill(viewer.password);
  await dialog.getByLabel('Role on all hosts').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Added user ${viewer.username}`);
  const row = page.locator(`[data-testid="user-row"][data-name="${viewer.username}"]`);
  await expect(row.getByTestId('user-roles')).toHaveText('viewer on all hosts');
  await expect(row).toContainText('Local');
  await expect(row).toContainText('never');
  await expect(row.getByTestId('user-status')).toHaveText('Active');

  // Disabling yourself is refused by the server, in its words.
  await page.locator('[data-testid="user-row"][data-name="admin"]').getByRole('button', { name: 'Disable admin' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('confirm-error')).toContainText('You cannot disable your own account');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});

test('an API token is shown once, works as a Bearer token, and stops working when revoked', async ({ page, playwright, baseURL }) => {
  await page.goto('/settings');
  const section = page.locator('#tokens');
  await section.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(`e2e ${suffix}`);
  await dialog.getByLabel('Expires after (days)').fill('7');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog).toContainText('this token will not be shown again');
  const token = await dialog.getByTestId('new-token').inputValue();
  expect(token.length).toBeGreaterThan(30);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = section.locator(`[data-testid="token-row"][data-name="e2e ${suffix}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(/in (6 days|1 week)/);
  await expect(page.getByText(token)).toHaveCount(0);

  // A context with no cookies: only the token can get in.
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await api.get('/api/v1/hosts')).status()).toBe(401);
  const ok = await api.get('/api/v1/hosts', { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { hosts: { name: string }[] }).hosts.map((x) => x.name)).toContain(machineName());

  await row.getByRole('button', { name: `Revoke token e2e ${suffix}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toHaveCount(0);
  expect((await api.get('/api/v1/hosts', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  await api.dispose();
});

test('an admin grants a GitHub team a role on one host in Settings → Access, and removes it', async ({ page }) => {
  const host = await hostA(page);
  await page.goto('/settings');
  const section = page.locator('#access');
  await section.getByRole('button', { name: 'Add grant' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Grant to').selectOption('github_team');
  await dialog.getByLabel('Team (org/team)').fill('not a team');
  await dialog.getByRole('button', { name: 'Add grant' }).click();
  await expect(dialog).toContainText('A GitHub team is written org/team-slug');
  await dialog.getByLabel('Team (org/team)').fill(team);
  await dialog.getByLabel('Host').selectOption(host.id);
  await dialog.getByLabel('Role').selectOption('operator');
  await dialog.getByRole('button', { name: 'Add grant' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Granted operator on ${host.name} to github team ${team}`);
  const row = section.locator(`[data-testid="grant-row"][data-subject="${team}"]`);
  await expect(row).toContainText('GitHub team');
  await expect(row).toContainText(host.name);
  await expect(row).toContainText('operator');

  await row.getByRole('button', { name: `Remove grant of ${team}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove grant' }).click();
  await expect(row).toHaveCount(0);
});

test('the Activity page lists the user creation, filters by actor, and exports CSV', async ({ page }) => {
  await page.goto('/activity');
  const created = page.locator('[data-testid="audit-row"][data-action="POST /api/v1/users"]').first();
  await expect(created).toBeVisible();
  await expect(created).toContainText('admin');
  await expect(created).toContainText('ok');
  await expect(created.getByRole('link', { name: `added user ${viewer.username}` })).toHaveAttribute('href', '/users');
  await created.getByRole('button', { name: new RegExp(`Details of added user ${viewer.username}`) }).click();
  const details = page.getByTestId('audit-details');
  await expect(details).toContainText(viewer.username);
  await expect(details).not.toContainText(viewer.password);

  await page.getByLabel('Actor').fill(viewer.username);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByLabel('Actor').fill('admin');
  await page.getByLabel('Action contains').fill('/api/v1/users');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('[data-testid="audit-row"]').first()).toBeVisible();
  for (const actor of await page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-actor'))))
    expect(actor).toBe('admin');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^berth-audit-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header.split(',')).toEqual(expect.arrayContaining(['actor', 'action']));
  expect(lines.some((l) => l.includes('POST /api/v1/users'))).toBe(true);
});

test('the new viewer signs in and is refused the Users and Activity pages and a container Stop, in the server’s words', async ({ browser }) => {
  await docker(A, 'run', '-d', '--name', running, h.TEST_IMAGE, 'sleep', '300');
  const page = await signIn(browser, viewer);
  await expect(page.getByTestId('account-name')).toHaveText(viewer.username);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto('/users');
  await expect(page.getByTestId('admin-only')).toContainText('Only admins can manage users');
  await expect(page.getByTestId('admin-only')).toContainText('this needs admin');
  await page.goto('/activity');
  await expect(page.getByTestId('admin-only')).toContainText('Only admins can read the audit log');

  await page.goto('/containers');
  await page.getByLabel('Search containers').fill(running);
  const row = page.locator(`[data-testid="container-row"][data-name="${running}"]`);
  await expect(row).toHaveAttribute('data-state', 'running');
  await row.getByRole('button', { name: `Actions for ${running}` }).click();
  await page.getByRole('menuitem', { name: 'Stop' }).click();
  await expect(page.locator('[data-testid="toast"][data-tone="error"]')).toContainText('needs operator');
  expect(await docker(A, 'inspect', '-f', '{{.State.Running}}', running)).toBe('true');
  await page.context().close();
});

test('an admin sets a (weak) password for the viewer, then disables them: their open session ends at once', async ({ page, browser }) => {
  await page.goto('/users');
  const row = page.locator(`[data-testid="user-row"][data-name="${viewer.username}"]`);
  await expect(row).not.toContainText('weak password');
  await row.getByRole('button', { name: `Set password of ${viewer.username}` }).click();
  await page.getByRole('dialog').getByLabel('New password').fill('password1');
  await page.getByRole('dialog').getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Set a new password for ${viewer.username}`);
  await expect(row).toContainText('weak password');

  const viewerPage = await signIn(browser, { username: viewer.username, password: 'password1' });
  await expect(viewerPage.getByTestId('account-name')).toHaveText(viewer.username);
  await page.reload();
  await expect(row).toContainText('just now');

  await row.getByRole('button', { name: `Disable ${viewer.username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('Disabled');
  await viewerPage.reload();
  await expect(viewerPage).toHaveURL(/\/login/);

  await row.getByRole('button', { name: `Enable ${viewer.username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('Active');
  await viewerPage.context().close();
});
