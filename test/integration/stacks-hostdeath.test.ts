import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationView } from '@/lib/compose-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { liveOperation } from '@/server/stacks/operations';
import { stackApi } from './stacks-support';
import { docker, freshBerth, harness, uniqueName, waitFor } from './support';

/**
 * A host that dies mid-deploy. This file runs its OWN dockerd (never a harness daemon, which other tests share), kills
 * it with SIGKILL after 2 of the 5 services of version 2 were replaced, and checks what a user then sees: the operation
 * failed saying the host could not be reached, the stack's lock is free, version 1's containers still exist once the
 * daemon is back, and the next deploy converges with nothing of the failed attempt left behind.
 */
const h = harness();
const DOCKERD = process.env.DOCKERD ?? '/usr/sbin/dockerd';
// short: the exec root holds containerd's socket paths, which must stay under 108 bytes
const dir = fs.mkdtempSync('/tmp/bhd-');
const sock = path.join(dir, 'd.sock');
let daemon: ChildProcess | null = null;
let berth: Berth;
let host = '';
const api = stackApi(() => host);
const body = async (r: Response) => r.json();

/**
 * The managed containerd dies with a SIGKILLed dockerd (parent-death signal) but can linger as a zombie nobody has
 * reaped yet; a restarted dockerd would take the pidfile's process for a live containerd and wait for it in vain.
 */
function dropStaleContainerdPid(): void {
  const file = path.join(dir, 'x/containerd/containerd.pid');
  const pid = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (!pid) return;
  const status = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  if (!status || /^State:\s+Z/m.test(status)) fs.rmSync(file, { force: true });
}

function startDaemon(): ChildProcess {
  dropStaleContainerdPid();
  fs.writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify({ 'deprecated-key-path': path.join(dir, 'key.json') }));
  const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
  // As the harness starts daemon B: no default bridge and no iptables (both are global and belong to the harness).
  const p = spawn(
    DOCKERD,
    ['--config-file', path.join(dir, 'daemon.json'), '--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'x'), '--pidfile', path.join(dir, 'd.pid'), '--host', `unix://${sock}`, '--bridge', 'none', '--iptables=false', '--ip-masq=false'],
    { detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  return p;
}

async function waitPing(): Promise<void> {
  await waitFor('the private dockerd to answer', () => docker(sock, 'version', '--format', '{{.Server.Version}}').then(() => true, () => false), 60_000);
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

/** docker save (daemon A) | docker load (this file's daemon): no registry is reachable here. */
async function copyImage(ref: string): Promise<void> {
  const save = spawn(h.DOCKER_CLI ?? 'docker', ['-H', `unix://${h.DOCKER_A_SOCKET}`, 'save', ref], { stdio: ['ignore', 'pipe', 'inherit'] });
  const load = spawn(h.DOCKER_CLI ?? 'docker', ['-H', `unix://${sock}`, 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
  save.stdout!.pipe(load.stdin!);
  const [a, b] = await Promise.all([save, load].map((p) => new Promise<number | null>((r) => p.on('exit', r))));
  if (a !== 0 || b !== 0) throw new Error(`copying ${ref} into the private daemon failed (save ${a}, load ${b})`);
}

const SERVICES = ['s1', 's2', 's3', 's4', 's5'];
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
  daemon = startDaemon();
  await waitPing();
  await copyImage(h.TEST_IMAGE);
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: uniqueName('dies'), socketPath: sock })).id;
}, 120_000);

afterAll(async () => {
  await berth?.close();
  // a test that failed may have left the daemon dead: bring it back to remove its containers (their shims outlive it)
  if (!daemon || daemon.exitCode !== null || daemon.signalCode !== null) {
    daemon = startDaemon();
    await waitPing().catch(() => undefined);
  }
  const left = (await docker(sock, 'ps', '-aq').catch(() => '')).trim().split('\n').filter(Boolean);
  if (left.length) await docker(sock, 'rm', '-f', ...left).catch(() => undefined);
  daemon.kill('SIGTERM');
  await Promise.race([exited(daemon), new Promise((r) => setTimeout(r, 30_000))]);
  if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
  // dockerd mounts its data root on itself (private propagation) and leaves that mount behind
  await new Promise((r) => spawn('umount', [path.join(dir, 'data')], { stdio: 'ignore' }).on('exit', r));
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}, 90_000);

describe('a host that dies mid-deploy', () => {
  it('fails with a clear message, frees the lock, keeps version 1, and the next deploy leaves nothing of the failed attempt', async () => {
    const name = uniqueName('hd').toLowerCase().replace(/[^a-z0-9-]/g, '');
    const created = await api.create({ name, compose: stackFile('1', false), env: '', deploy: true });
    expect(created.status, JSON.stringify(await created.clone().json())).toBe(201);
    const v1 = await containers(name);
    expect(v1.map((c) => `${c.name} ${c.version}`)).toEqual(SERVICES.map((s) => `${name}-${s}-1 1`));

    // version 2 replaces the services one after the other (depends_on chain); the daemon dies after the second
    const started = await api.deploy(name, { compose: stackFile('2', true), wait: false });
    expect(started.status).toBe(202);
    const { operation } = (await body(started)) as { operation: OperationView };
    const live = liveOperation(operation.id);
    expect(live, 'the deploy should still be running').toBeTruthy();
    const doneCount = () => live!.services.filter((s) => s.state === 'done').length;
    expect(doneCount()).toBeLessThan(2);
    let killedAfter = -1;
    // synchronous in the step that marks the second service done, so the third has not sent a request yet
    const off = live!.onChange(() => {
      if (killedAfter < 0 && doneCount() >= 2) {
        killedAfter = doneCount();
        daemon!.kill('SIGKILL');
      }
    });
    const dead = daemon!;
    await waitFor('the deploy to end', async () => {
      const o = (await body(await api.operation(name, operation.id))).operation as OperationView;
      return o.status !== 'running' && o;
    }, 60_000);
    off();
    await exited(dead);
    expect(killedAfter).toBe(2);

    const failed = (await body(await api.operation(name, operation.id))).operation as OperationView;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not be reached during the deploy/);
    expect(failed.error).toMatch(/deploy again/);
    expect(failed.services.filter((s) => s.state === 'done').map((s) => s.service)).toEqual(['s1', 's2']);
    expect(liveOperation(operation.id), 'the lock is released').toBeUndefined();

    // the daemon comes back on the same data root
    daemon = startDaemon();
    await waitPing();
    const after = await containers(name);
    // every container of version 1 still exists (the two replaced ones were only set aside, not removed)
    for (const c of v1) expect(after.map((a) => a.id), `${c.name} of version 1`).toContain(c.id);
    await waitFor('Berth to see the host online again', () => berth.fleet.runtime(host).status !== 'offline', 20_000);

    // deploying version 1 again converges: 5 containers of version 1, the untouched ones kept, nothing set aside left
    const again = await api.deploy(name, { compose: stackFile('1', false), wait: true });
    expect(again.status, JSON.stringify(await again.clone().json())).toBe(200);
    const final = await containers(name);
    expect(final.map((c) => `${c.name} ${c.version}`)).toEqual(SERVICES.map((s) => `${name}-${s}-1 1`));
    for (const s of ['s3', 's4', 's5']) expect(final.find((c) => c.name === `${name}-${s}-1`)!.id).toBe(v1.find((c) => c.name === `${name}-${s}-1`)!.id);
    const running = (await docker(sock, 'inspect', '-f', '{{.State.Running}}', ...final.map((c) => c.id))).trim().split('\n');
    expect(running).toEqual(['true', 'true', 'true', 'true', 'true']);
    await api.action(name, 'down', {});
  }, 180_000);
});
