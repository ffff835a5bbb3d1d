import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationView, StackPlan } from '@/lib/compose-types';
import { NEVER_STARTED } from '@/server/compose/plan';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { liveOperation } from '@/server/stacks/operations';
import { exited, killDuringStart, privateDaemon } from './private-dockerd';
import { stackApi } from './stacks-support';
import { docker, freshBerth, harness, uniqueName, waitFor } from './support';

/**
 * A host that dies mid-deploy. This file runs its OWN dockerd (never a harness daemon, which other tests share) and
 * kills it with SIGKILL during a deploy of version 2 of a 5-service stack: once after 2 services were replaced, once
 * while the start of a new container is in flight (it stays `Created` and containerd keeps a task for it). It checks
 * what a user then sees: the operation failed saying the host could not be reached, the stack's lock is free, version
 * 1's containers still exist once the daemon is back, and the next deploy converges with nothing of the failed attempt
 * left behind.
 */
const h = harness();
const d = privateDaemon();
const sock = d.sock;
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const body = async (r: Response) => r.json();

const SERVICES = ['s1', 's2', 's3', 's4', 's5'];
/** the name a replacement gives the old container until the deploy succeeded (server/compose/apply-steps.ts) */
const ASIDE = /-old-[0-9a-f]{8}$/;
/** network_mode: none: the private daemon has no bridge, and a stack that needs no network leaves nothing on the host's network. */
function stackFile(version: string, chain: boolean): string {
  return [
    'services:',
    ...SERVICES.flatMap((s, i) => [
      `  ${s}:`,
      `    image: ${h.TEST_IMAGE}`,
      `    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`,
      '    network_mode: none',
      `    environment: { VERSION: "${version}" }`,
      ...(chain && i > 0 ? [`    depends_on: [${SERVICES[i - 1]}]`] : []),
    ]),
    '',
  ].join('\n');
}

async function containers(project: string): Promise<{ id: string; name: string; version: string }[]> {
  const out = await docker(sock, 'ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.ID}}');
  const ids = out.trim().split('\n').filter(Boolean);
  if (!ids.length) return [];
  const info = JSON.parse(await docker(sock, 'inspect', ...ids)) as { Id: string; Name: string; Config: { Env: string[] } }[];
  return info
    .map((c) => ({ id: c.Id, name: c.Name.replace(/^\//, ''), version: c.Config.Env.find((e) => e.startsWith('VERSION='))?.slice(8) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

beforeAll(async () => {
  await d.start();
  await d.copyImage(h.TEST_IMAGE);
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: uniqueName('dies'), socketPath: sock })).id;
}, 120_000);

afterAll(async () => {
  await berth?.close();
  await d.close();
}, 90_000);

/** Creates the stack with version 1 deployed (5 running containers) and returns its name. */
async function createV1(): Promise<string> {
  const name = uniqueName('hd')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
  const created = await api.create({ name, compose: stackFile('1', false), env: '', deploy: true });
  expect(created.status, JSON.stringify(await created.clone().json())).toBe(201);
  expect((await containers(name)).map((c) => `${c.name} ${c.version}`)).toEqual(SERVICES.map((s) => `${name}-${s}-1 1`));
  return name;
}

const deployEnded = (name: string, opId: string) =>
  waitFor(
    'the deploy to end',
    async () => {
      const o = (await body(await api.operation(name, opId))).operation as OperationView;
      return o.status !== 'running' && o;
    },
    60_000,
  );

const running = async (cs: { id: string }[]) => (await docker(sock, 'inspect', '-f', '{{.State.Running}}', ...cs.map((c) => c.id))).trim().split('\n');

describe('a host that dies mid-deploy', () => {
  it('fails with a clear message, frees the lock, keeps version 1, and the next deploy leaves nothing of the failed attempt', async () => {
    const name = await createV1();
    const v1 = await containers(name);

    // version 2 replaces the services one after the other (depends_on chain); the daemon dies after the second
    const started = await api.deploy(name, { compose: stackFile('2', true), wait: false });
    expect(started.status).toBe(202);
    const { operation } = (await body(started)) as { operation: OperationView };
    const live = liveOperation(berth, operation.id);
    expect(live, 'the deploy should still be running').toBeTruthy();
    const doneCount = () => live!.services.filter((s) => s.state === 'done').length;
    expect(doneCount()).toBeLessThan(2);
    let killedAfter = -1;
    // synchronous in the step that marks the second service done, so the third has not sent a request yet
    const off = live!.onChange(() => {
      if (killedAfter < 0 && doneCount() >= 2) {
        killedAfter = doneCount();
        dead.kill('SIGKILL');
      }
    });
    const dead = d.proc()!;
    await deployEnded(name, operation.id);
    off();
    await exited(dead);
    expect(killedAfter).toBe(2);

    const failed = (await body(await api.operation(name, operation.id))).operation as OperationView;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not be reached during the deploy/);
    expect(failed.error).toMatch(/deploy again/);
    expect(failed.services.filter((s) => s.state === 'done').map((s) => s.service)).toEqual(['s1', 's2']);
    expect(liveOperation(berth, operation.id), 'the lock is released').toBeUndefined();

    // the daemon comes back on the same data root
    await d.start();
    const after = await containers(name);
    // every container of version 1 still exists (the two replaced ones were only set aside, not removed)
    for (const c of v1)
      expect(
        after.map((a) => a.id),
        `${c.name} of version 1`,
      ).toContain(c.id);
    await waitFor('Berth to see the host online again', () => berth.fleet.runtime(host).status !== 'offline', 20_000);

    // deploying version 1 again converges: 5 containers of version 1, the untouched ones kept, nothing set aside left
    const again = await api.deploy(name, { compose: stackFile('1', false), wait: true });
    expect(again.status, JSON.stringify(await again.clone().json())).toBe(200);
    const final = await containers(name);
    expect(final.map((c) => `${c.name} ${c.version}`)).toEqual(SERVICES.map((s) => `${name}-${s}-1 1`));
    for (const s of ['s3', 's4', 's5']) expect(final.find((c) => c.name === `${name}-${s}-1`)!.id).toBe(v1.find((c) => c.name === `${name}-${s}-1`)!.id);
    expect(await running(final)).toEqual(['true', 'true', 'true', 'true', 'true']);
    await api.action(name, 'down', {});
  }, 180_000);

  it('a container left in Created by a daemon killed during its start is made anew by the next deploy, never started ("task … already exists")', async () => {
    const name = await createV1();
    const target = `${name}-s3-1`;
    // armed before the deploy: dockerd dies while the start of version 2's s3 is in containerd's hands
    const trap = await killDuringStart(d, target);
    const started = await api.deploy(name, { compose: stackFile('2', true), wait: false });
    expect(started.status).toBe(202);
    const { operation } = (await body(started)) as { operation: OperationView };
    const left = await trap.fired;
    expect(left.hadTask, 'the kill should land while containerd holds the task of s3').toBe(true);
    const failed = await deployEnded(name, operation.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not be reached during the deploy/);

    await d.start();
    const broken = await containers(name);
    // s3 of version 2 never got started; s1..s3 of version 1 were set aside by the replacements
    expect((await docker(sock, 'inspect', '-f', '{{.State.Status}}', left.id)).trim()).toBe('created');
    expect(broken.filter((c) => ASIDE.test(c.name)).map((c) => `${c.name.replace(ASIDE, '')} ${c.version}`)).toEqual(
      ['s1', 's2', 's3'].map((s) => `${name}-${s}-1 1`),
    );
    // the window was really hit: containerd still holds its task, so the Engine can never start it again (20.10 says
    // "task … already exists" or "id already in use", depending on how far the start got)
    await expect(docker(sock, 'start', left.id)).rejects.toThrow(/already exists|id already in use/);
    await waitFor('Berth to see the host online again', () => berth.fleet.runtime(host).status !== 'offline', 20_000);

    // the plan says why s3 is made anew although its config is version 2's
    const plan = (await body(await api.plan(name, { compose: stackFile('2', true) }))).plan as StackPlan;
    const s3 = plan.services.find((s) => s.name === 's3')!.containers[0];
    expect(s3).toMatchObject({ action: 'recreate', containerId: left.id, reasons: [NEVER_STARTED] });
    expect(plan.orphans.map((c) => c.reasons[0])).toEqual(Array(3).fill('set aside by an interrupted deploy'));

    const again = await api.deploy(name, { compose: stackFile('2', true), wait: true });
    const result = JSON.stringify(await again.clone().json());
    expect(again.status, result).toBe(200);
    expect(result).not.toMatch(/already exists|already in use/);
    const final = await containers(name);
    expect(final.map((c) => `${c.name} ${c.version}`)).toEqual(SERVICES.map((s) => `${name}-${s}-1 2`));
    // the Created leftover and the set-aside containers are gone; s3 runs as a new container
    const leftovers = broken.filter((c) => c.id === left.id || ASIDE.test(c.name)).map((c) => c.id);
    expect(final.filter((c) => leftovers.includes(c.id))).toEqual([]);
    expect(await running(final)).toEqual(['true', 'true', 'true', 'true', 'true']);
    await api.action(name, 'down', {});
  }, 180_000);
});
