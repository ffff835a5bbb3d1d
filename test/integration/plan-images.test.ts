import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackPlan } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { stackApi } from './stacks-support';
import { docker, engineUnderTest, freshBerth, harness, uniqueName } from './support';

/**
 * Issue #15 point 3: the plan says which images a deploy would pull and from where, and warns before Deploy when the
 * host cannot pull one, with the cause first. Nothing is pulled by planning.
 */
const h = harness();
const engine = engineUnderTest();
let berth: Berth;
let host = '';
const api = stackApi(() => host);

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'p', socketPath: engine.socket })).id;
});
afterAll(async () => {
  await berth?.close();
});

const file = (images: Record<string, string>) =>
  ['services:', ...Object.entries(images).flatMap(([s, image]) => [`  ${s}:`, `    image: ${image}`, '    command: ["sleep", "60"]']), ''].join('\n');

async function planOf(images: Record<string, string>): Promise<StackPlan> {
  const name = uniqueName('pi')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
  const created = await api.create({ name, compose: file(images), env: '', deploy: false });
  expect(created.status, await created.clone().text()).toBe(201);
  const res = await api.plan(name);
  expect(res.status, await res.clone().text()).toBe(200);
  const { plan } = (await res.json()) as { plan: StackPlan };
  await api.remove(name);
  return plan;
}

describe(`the plan and images (${engine.label})`, () => {
  it('names a missing image and its registry, warns about none when the host can pull it, and pulls nothing', async () => {
    const layers = `${h.REGISTRY_OPEN}/${h.REGISTRY_IMAGE}`;
    const plan = await planOf({ web: h.TEST_IMAGE, cache: layers });
    expect(plan.services.find((s) => s.name === 'web')!.pull).toBeUndefined();
    expect(plan.services.find((s) => s.name === 'cache')!.pull!.reason).toBe(`not on host p: pulled from ${h.REGISTRY_OPEN} before anything changes`);
    expect(plan.warnings ?? []).toEqual([]);
    expect(await docker(engine.socket, 'images', '-q', layers)).toBe('');
  });

  it('warns before Deploy, cause first, when a registry refuses the connection or its name does not resolve', async () => {
    const plan = await planOf({ a: '127.0.0.1:9/berth-test/x:1', b: 'registry.invalid:5000/berth-test/y:1' });
    expect(plan.warnings).toHaveLength(2);
    expect(plan.warnings).toContainEqual('connection refused: 127.0.0.1:9/berth-test/x:1 cannot be pulled from 127.0.0.1:9 by host p');
    expect(plan.warnings!.find((w) => w.includes('registry.invalid'))).toMatch(
      /^DNS: the registry name does not resolve: registry\.invalid:5000\/berth-test\/y:1 cannot be pulled/,
    );
  }, 60_000);
});

describe(`a deploy whose image cannot be pulled (${engine.label})`, () => {
  it('fails before anything changes, saying each image once, cause first', async () => {
    const name = uniqueName('pf')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    const img = '127.0.0.1:9/berth-test/x:1';
    const res = await api.create({ name, compose: file({ a: img, b: img }), env: '', deploy: true });
    const { error } = (await res.json()) as { error: { message: string } };
    expect(res.status, error.message).toBe(409);
    expect(error.message).toBe(`Nothing was changed: connection refused: image ${img} could not be pulled onto host p`);
    expect(await docker(engine.socket, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`)).toBe('');
    await api.remove(name);
  }, 60_000);
});
