import { gzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import * as tar from 'tar-stream';
import { docker, harness, machineName } from './support';

const h = harness();
const A = h.DOCKER_A_SOCKET;
const name = `e2e-build-${Date.now().toString(36)}`;

test.afterAll(async () => {
  const ids = await docker(A, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`).catch(() => '');
  if (ids) await docker(A, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  await docker(A, 'network', 'rm', `${name}_default`).catch(() => undefined);
  await docker(A, 'rmi', '-f', `${name}_web`).catch(() => undefined);
});

async function hostA(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/hosts');
  const { hosts } = (await res.json()) as { hosts: { id: string; name: string }[] };
  const a = hosts.find((x) => x.name === machineName());
  expect(a, 'the local socket is registered').toBeTruthy();
  return a!.id;
}

/** The project folder a user would pack with `tar -czf`: a Dockerfile and the file it copies, under web/. */
async function projectArchive(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: './web/Dockerfile' }, `FROM ${h.TEST_IMAGE}\nCOPY hello.txt /hello.txt\nCMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`);
  pack.entry({ name: './web/hello.txt' }, 'built by berth');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

test('upload the stack folder on the stack page, see the build in the plan, deploy and run the built image', async ({ page, baseURL }) => {
  const host = await hostA(page);
  const compose = 'services:\n  web:\n    build: ./web\n';
  const created = await page.request.post(`/api/v1/hosts/${host}/stacks`, { data: { name, compose, env: '', deploy: false }, headers: { Origin: baseURL! } });
  expect(created.status()).toBe(201);
  await page.goto(`/stacks/${host}/${name}`);

  const box = page.getByTestId('stack-folder');
  await expect(box).toContainText('No folder uploaded.');
  await box.getByLabel('Archive').setInputFiles({ name: 'myproject.tar.gz', mimeType: 'application/gzip', buffer: await projectArchive() });
  await expect(box.getByTestId('stack-folder-info')).toContainText('myproject.tar.gz');
  await expect(box.getByTestId('stack-folder-info')).toContainText('2 files');

  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const plan = page.getByTestId('plan');
  await expect(plan.locator('[data-action="build"]')).toContainText(`${name}_web`);
  await expect(plan.locator('[data-action="build"]')).toContainText('is not on the host');

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.locator('[data-testid="operation-service"][data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  expect(await docker(A, 'exec', `${name}-web-1`, 'cat', '/hello.txt')).toBe('built by berth');
});
