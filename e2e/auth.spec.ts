import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, githubPort } from './accounts';

/**
 * Sign-in in a real browser: the local form, GitHub's OAuth flow through next-auth against the project's fake
 * GitHub (e2e/fake-github.ts), and the bad cases of issue #3. Each test opens its own signed-out context.
 */
const gh = (method: string, body: unknown) =>
  fetch(`http://127.0.0.1:${githubPort()}/_control/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => {
    if (!r.ok) throw new Error(`fake GitHub ${method}: ${r.status}`);
  });

// Contexts opened by hand are not closed by Playwright: their pages would keep live streams open on the server.
const opened: BrowserContext[] = [];
test.afterEach(async () => {
  for (const ctx of opened.splice(0)) await ctx.close().catch(() => {});
});

async function signedOut(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  opened.push(ctx);
  return ctx.newPage();
}

async function githubSignIn(page: Page, login: string, path = '/login'): Promise<void> {
  await gh('setNextLogin', { login });
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
}

test.beforeAll(async ({ request }) => {
  // acme/ops operates every host (as the admin, through the API, with the admin's session cookie)
  const res = await request.post('/api/v1/grants', { data: { subjectKind: 'github_team', subject: 'acme/ops', hostId: '*', role: 'operator' } });
  expect(res.status()).toBe(201);
});

test('a signed-out visitor is sent to sign in, and the API answers 401', async ({ browser }) => {
  const page = await signedOut(browser);
  await page.goto('/containers');
  await expect(page).toHaveURL(/\/login/);
  const res = await page.request.get('/api/v1/hosts');
  expect(res.status()).toBe(401);
});

test('a wrong password is refused at the form', async ({ browser }) => {
  const page = await signedOut(browser);
  await page.goto('/login');
  await page.getByLabel('User name').fill(E2E_ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong user name or password');
});

test('a member of the organization signs in with GitHub and gets the team role', async ({ browser }) => {
  const page = await signedOut(browser);
  await githubSignIn(page, 'alice');
  await expect(page).toHaveURL(/\/containers/);
  await expect(page.getByTestId('account-name')).toHaveText('alice');
  await expect(page.getByTestId('account')).toContainText('GitHub · operator');
});

test('a user outside the allowed organizations is refused with a clear message', async ({ browser }) => {
  const page = await signedOut(browser);
  await githubSignIn(page, 'mallory');
  await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
  await expect(page.getByTestId('login-error')).toContainText('not a member of an organization allowed to use Berth');
  expect((await page.request.get('/api/v1/hosts')).status()).toBe(401);
});

test('a mismatched OAuth state and a replayed code are refused, without a session', async ({ browser }) => {
  const page = await signedOut(browser);
  await page.goto('/api/auth/callback/github?code=forged&state=not-the-state');
  await expect(page).toHaveURL(/\/login\?.*error=/);
  await expect(page.getByTestId('login-error')).toBeVisible();

  // a real sign-in, recording the callback URL, then the same URL again in another browser
  const first = await signedOut(browser);
  let callback = '';
  first.on('request', (r) => {
    if (r.url().includes('/api/auth/callback/github')) callback = r.url();
  });
  await githubSignIn(first, 'alice');
  await expect(first).toHaveURL(/\/containers/);
  expect(callback).toContain('code=');
  const replay = await signedOut(browser);
  await replay.goto(callback);
  await expect(replay).toHaveURL(/\/login\?.*error=/);
  expect((await replay.request.get('/api/v1/hosts')).status()).toBe(401);
});

// one test per target: each is a whole GitHub sign-in, and five in one test outran its time limit on a busy machine
for (const target of ['https://evil.example/steal', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '%%%']) {
  test(`an external or malformed callbackUrl (${target}) never leaves Berth`, async ({ browser, baseURL }) => {
    const page = await signedOut(browser);
    await githubSignIn(page, 'alice', `/login?callbackUrl=${encodeURIComponent(target)}`);
    await page.waitForURL((u) => u.origin === new URL(baseURL!).origin && !u.pathname.startsWith('/api/'), { timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test('a user removed from the organization mid-session loses access within the re-check interval', async ({ browser }) => {
  const page = await signedOut(browser);
  await githubSignIn(page, 'carol');
  await expect(page).toHaveURL(/\/containers/);
  expect((await page.request.get('/api/v1/hosts')).status()).toBe(200);
  await gh('removeMember', { org: 'acme', login: 'carol' });
  // serve.sh sets BERTH_MEMBERSHIP_RECHECK_MS=2000; production re-checks at least every 15 minutes. The open page's
  // live stream is ended by the server, which sends the page back to sign-in without a reload.
  await expect(page).toHaveURL(/\/login/, { timeout: 20_000 });
  expect((await page.request.get('/api/v1/hosts')).status()).toBe(401);
});

test('signing out ends the session on the server', async ({ browser }) => {
  const page = await signedOut(browser);
  await githubSignIn(page, 'bob');
  await expect(page).toHaveURL(/\/containers/);
  const cookies = await page.context().cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  // the old cookie, replayed, is dead: the session was revoked, not just forgotten by the browser
  const replay = await browser.newContext({ storageState: { cookies, origins: [] } });
  opened.push(replay);
  expect((await replay.request.get('/api/v1/hosts')).status()).toBe(401);
});
