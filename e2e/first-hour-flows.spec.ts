import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Issue #15, "the first hour": what a new user trips over. Which host a create form starts on, what the Activity log
 * says, the stack page's mixed signals, and copy. At a laptop's 1440×900.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const tag = Date.now().toString(36);
const stacks = { bad: `fh-bad-${tag}`, port: `fh-port-${tag}`, fresh: `fh-new-${tag}`, adopted: `fh-adopt-${tag}`, task: `fh-task-${tag}` };
const SLEEP = `["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`;

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

let local = '';
let second = '';

async function hostsOf(api: APIRequestContext) {
  return ((await (await api.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] }).hosts;
}

async function createStack(page: Page, name: string, compose: string, deploy: boolean) {
  const res = await page.request.post(`/api/v1/hosts/${local}/stacks`, { data: { name, compose, env: '', deploy } });
  expect(res.status(), await res.text()).toBe(201);
}

test.beforeAll(async ({ request }) => {
  const a = (await hostsOf(request)).find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  local = a!.id;
  // a second host, added after the local one: the newest host must not become every form's default
  const res = await request.post('/api/v1/hosts', { data: { kind: 'socket', name: `fh-second-${tag}`, socketPath: h.DOCKER_B_SOCKET } });
  expect(res.status(), await res.text()).toBe(201);
  second = ((await res.json()) as { host: { id: string } }).host.id;
});

test.afterAll(async ({ request }) => {
  for (const name of Object.values(stacks)) {
    const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
    if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
    await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
  }
  if (second) await request.delete(`/api/v1/hosts/${second}`);
});

test('with All hosts, forms start on the local host, then on the host last chosen in a form, and never move the switcher', async ({ page }) => {
  await page.goto('/stacks');
  await expect(page.getByLabel('Switch host')).toHaveValue('');
  await page.getByRole('button', { name: 'New stack' }).click();
  await page.waitForURL((u) => u.pathname === '/stacks/new');
  expect(new URL(page.url()).searchParams.get('host')).toBeNull();
  await expect(page.getByLabel('Switch host')).toHaveValue('');
  const host = page.getByLabel('Host', { exact: true });
  await expect(host).toHaveValue(local);
  await expect(page.getByText('Pick a host in the sidebar switcher to skip this question.')).toBeVisible();

  // choosing a host in the form changes the form only
  await host.selectOption(second);
  await expect(page.getByLabel('Switch host')).toHaveValue('');
  expect(new URL(page.url()).searchParams.get('host')).toBeNull();

  // …and is the next form's default: Pull, Create volume, Launch
  await page.goto('/images');
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('Host', { exact: true })).toHaveValue(second);
  await page.goto('/volumes');
  await page.getByRole('button', { name: /Create volume/ }).click();
  await expect(page.getByRole('dialog').getByLabel('Host', { exact: true })).toHaveValue(second);
  await page.goto('/containers/new');
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue(second);

  // with a host picked in the switcher, New stack uses it and does not tell the user to pick one
  await page.goto(`/stacks?host=${local}`);
  await page.getByRole('button', { name: 'New stack' }).click();
  await page.waitForURL((u) => u.pathname === '/stacks/new');
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue(local);
  await expect(page.getByText('Pick a host in the sidebar switcher')).toHaveCount(0);
});

test('a never-deployed stack has Start, Stop, Restart and Down off, saying why', async ({ page }) => {
  await createStack(page, stacks.fresh, `services:\n  app:\n    image: ${h.TEST_IMAGE}\n    command: ${SLEEP}\n`, false);
  await page.goto(`/stacks/${local}/${stacks.fresh}`);
  await expect(page.getByText('0/0 containers running · not deployed yet')).toBeVisible();
  for (const name of ['Start', 'Stop', 'Restart', 'Down']) {
    const button = page.getByRole('button', { name, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', /never been deployed/);
  }
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeEnabled();
});

test('an adopted stack does not read "not deployed yet"', async ({ page }) => {
  const name = stacks.adopted;
  await docker(
    A,
    'run',
    '-d',
    '--name',
    `${name}-web-1`,
    '--label',
    `com.docker.compose.project=${name}`,
    '--label',
    'com.docker.compose.service=web',
    h.TEST_IMAGE,
    'sleep',
    '3600',
  );
  const res = await page.request.post(`/api/v1/hosts/${local}/stacks/${name}/adopt`, { data: {} });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto(`/stacks/${local}/${name}`);
  await expect(page.getByText(/1\/1 container running · adopted as found on the host/)).toBeVisible();
  await expect(page.getByText('not deployed yet')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
});

test('a refused scale shows only the error and resets the field; scaling to the current count changes nothing and says so', async ({ page }) => {
  const port = 21000 + Math.floor(Math.random() * 20000);
  const compose = `services:\n  web:\n    image: ${h.TEST_IMAGE}\n    command: ${SLEEP}\n    ports:\n      - "${port}:80"\n`;
  await createStack(page, stacks.port, compose, true);
  await page.goto(`/stacks/${local}/${stacks.port}`);
  // a deploy first, so a green card is on the page
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.locator('[data-testid="operation-service"][data-state="done"]')).toHaveCount(1, { timeout: 30_000 });

  const web = page.locator('[data-testid="stack-service"][data-service="web"]');
  await web.getByLabel('Replicas').fill('2');
  await web.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'publishes host port' })).toContainText(`web publishes host port ${port}`);
  await expect(page.getByTestId('operation-services')).toHaveCount(0);
  await expect(web.getByLabel('Replicas')).toHaveValue('1');

  await web.getByRole('button', { name: 'Scale' }).click();
  await expect(web.getByRole('status')).toHaveText('web already runs 1 replica: nothing to change.');
  const stored = (await (await page.request.get(`/api/v1/hosts/${local}/stacks/${stacks.port}`)).json()) as { stack: { compose: string } };
  expect(stored.stack.compose).toBe(compose);
});

test('a deploy shows in the Tasks panel while the user goes elsewhere, and its title leads back to the stack', async ({ page }) => {
  await createStack(page, stacks.task, `services:\n  app:\n    image: ${h.TEST_IMAGE}\n    command: ${SLEEP}\n`, false);
  await page.goto(`/stacks/${local}/${stacks.task}`);
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByTestId('operation-services')).toBeVisible();
  await page.goto('/containers');
  const dock = page.getByTestId('task-dock');
  const toggle = dock.getByRole('button', { name: /^Tasks/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const item = dock.locator('[data-testid="task"]').filter({ hasText: `Deploy stack ${stacks.task}` });
  await expect(item).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await item.getByRole('link', { name: `Deploy stack ${stacks.task}` }).click();
  await expect(page).toHaveURL(new RegExp(`/stacks/${local}/${stacks.task}$`));
});

test('Activity reads as sentences with links, leaves out validation, and records a failed deploy as failed', async ({ page }) => {
  const name = stacks.bad;
  await createStack(page, name, `services:\n  app:\n    image: berth-no-such-image:404\n`, false);
  await page.goto(`/stacks/${local}/${name}`);
  // typing in the editor validates the file (POST …/stacks/validate) at every pause
  await page.locator('.cm-content').click();
  const validated = page.waitForResponse((r) => r.url().endsWith('/stacks/validate'));
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n# a comment');
  await validated;
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByTestId('operation-error')).toContainText('berth-no-such-image:404', { timeout: 30_000 });

  await page.goto('/activity');
  const where = `on ${machineName()}`;
  const failed = page.getByRole('link', { name: `deploy of stack ${name} ${where} failed` });
  await expect(failed).toHaveAttribute('href', `/stacks/${local}/${name}`);
  const row = page.locator('[data-testid="audit-row"]', { has: failed });
  await expect(row).toContainText('error');
  await expect(row).toContainText('berth-no-such-image:404');
  await expect(page.getByRole('link', { name: `created stack ${name} ${where}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `deploy of stack ${name} ${where} started` })).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-action$="/stacks/validate"]')).toHaveCount(0);
  // no route template is shown as the action's words
  for (const text of await page.getByTestId('audit-sentence').locator('a').allTextContents()) expect(text).not.toMatch(/[{}]/);
});

test('copy: the image hint on Launch pluralises ("1 image … is", "2 images … are")', async ({ page }) => {
  await page.goto(`/containers/new?host=${local}`);
  await page.getByLabel('Image', { exact: true }).click();
  await expect(page.getByText(/on this host (is|are) suggested as you type/)).toHaveText(
    /^(1 image on this host is|\d[\d,]* images on this host are) suggested as you type\.$/,
  );
});

test('signed-out pages do not open the live stream (no 401 on /api/v1/live)', async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const live: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/live') live.push(r.url());
  });
  await page.goto('/login');
  await expect(page.getByLabel('Password')).toBeVisible();
  await page.waitForTimeout(1500);
  expect(live).toEqual([]);
  await ctx.close();
});
