import { expect, test } from '@playwright/test';
import { docker, harness, machineName } from './support';

/**
 * Issue #12, every question type of the launch form in Chromium, with the e2e-only template of e2e/catalog (added by
 * e2e/serve.sh): a multiline answer full of YAML and shell characters, a boolean, an enum, an int and a float, a
 * service of another stack (whose network the app joins) and a password left to be generated. Preview shows the file
 * and the plan; Deploy runs it, and the container gets each answer literally.
 */
const h = harness();
const A = h.DOCKER_A_SOCKET;
const tag = Date.now().toString(36);
const peer = `q-peer-${tag}`;
const name = `q-app-${tag}`;
const GREETING = 'hello\nworld: {x} $HOME "quoted" ; rm -rf / *';

let local = '';

test.beforeAll(async ({ request }) => {
  const hosts = ((await (await request.get('/api/v1/hosts')).json()) as { hosts: { id: string; name: string }[] }).hosts;
  local = hosts.find((x) => x.name === machineName())!.id;
  // the other stack whose service the service question picks
  const compose = `services:\n  db:\n    image: ${h.TEST_IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n    stop_grace_period: 1s\n`;
  const res = await request.post(`/api/v1/hosts/${local}/stacks`, { data: { name: peer, compose, env: '', deploy: true } });
  expect(res.status(), await res.text()).toBe(201);
});

test.afterAll(async ({ request }) => {
  for (const stack of [name, peer]) {
    const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${stack}`).catch(() => '');
    if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
    await request.delete(`/api/v1/hosts/${local}/stacks/${stack}`).catch(() => undefined);
    await docker(A, 'network', 'rm', `${stack}_default`).catch(() => undefined);
  }
});

test('each question type has its field, refuses what its schema refuses, and reaches the container as typed', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/catalog/e2e-questions?host=${local}`);
  const greeting = page.getByLabel(/^Greeting/);
  await expect(greeting).toBeVisible();
  expect(await greeting.evaluate((el) => el.tagName)).toBe('TEXTAREA');
  const shout = page.getByLabel('Shout', { exact: true });
  await expect(shout).toHaveAttribute('type', 'checkbox');
  await expect(shout).not.toBeChecked();
  await expect(page.getByLabel('Colour')).toHaveValue('green');
  await expect(page.getByLabel('Count')).toHaveValue('2');
  await expect(page.getByLabel('Ratio')).toHaveValue('0.5');
  await expect(page.getByLabel('Token', { exact: true })).toHaveAttribute('type', 'password');
  const peerField = page.getByLabel(/^Peer service/);
  await expect(peerField.locator('option', { hasText: `${peer}/db` })).toHaveCount(1);

  // refused at their fields: an empty required text, a missing service, an int above its max
  await page.getByLabel('Stack name').fill(name);
  await page.getByLabel('Count').fill('9');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText('Greeting is required')).toBeVisible();
  await expect(page.getByText('Peer service is required')).toBeVisible();
  await expect(page.getByText('Count must be at most 5')).toBeVisible();
  await expect(page).toHaveURL(/\/catalog\/e2e-questions/);

  await greeting.fill(GREETING);
  await shout.check();
  await page.getByLabel('Colour').selectOption('blue');
  await page.getByLabel('Count').fill('4');
  await page.getByLabel('Ratio').fill('0.25');
  await peerField.selectOption(`${peer}/db`);

  // Preview: the file with the answers as values, then the plan of the launch on this host
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('catalog-preview');
  await expect(preview).toContainText(/COLOUR: "?blue/);
  await expect(preview).toContainText('SHOUT: true');
  await expect(preview).toContainText(new RegExp(`name: "?${peer}_default`));
  await expect(preview).toContainText(/TOKEN: "?\$\{token\}/);
  await expect(page.getByRole('heading', { name: 'Plan: 1 to create, 0 to recreate, 0 to remove, 0 unchanged' })).toBeVisible();

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/stacks/${local}/${name}`);
  await expect(page.getByText('deploy · succeeded')).toBeVisible({ timeout: 60_000 });

  const env = JSON.parse(await docker(A, 'inspect', '-f', '{{json .Config.Env}}', `${name}-app-1`)) as string[];
  const value = (k: string) => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);
  expect(value('GREETING')).toBe(GREETING);
  expect(value('SHOUT')).toBe('true');
  expect(value('COLOUR')).toBe('blue');
  expect(value('COUNT')).toBe('4');
  expect(value('RATIO')).toBe('0.25');
  expect(value('PEER')).toBe('db');
  expect(value('TOKEN')).toMatch(/^[A-Za-z0-9_-]{24}$/);
  // it joined the other stack's network, where the peer answers by its service name
  const nets = await docker(A, 'inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', `${name}-app-1`);
  expect(nets.split(' ')).toContain(`${peer}_default`);
  expect(await docker(A, 'exec', `${name}-app-1`, 'ping', '-c', '1', '-W', '2', 'db')).toContain('1 packets received');
});
