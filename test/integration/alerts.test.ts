import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as alertOne from '@/app/api/v1/alerts/[aid]/route';
import * as alertsRoute from '@/app/api/v1/alerts/route';
import * as windowsRoute from '@/app/api/v1/alerts/maintenance/route';
import * as ruleOne from '@/app/api/v1/alerts/rules/[rid]/route';
import * as rulesRoute from '@/app/api/v1/alerts/rules/route';
import type { Alert, AlertKind } from '@/lib/alert-types';
import type { AlertRuleView } from '@/lib/schemas/alerts';
import { alertEngine } from '@/server/alerts/engine';
import { type Berth, installBerth } from '@/server/context';
import { probeConfig } from '@/server/health/probe';
import { findHostRecord, insertHost } from '@/server/hosts/repo';
import { createHost } from '@/server/hosts/service';
import { freePort } from '../harness';
import { cleanupProject, stackApi } from './stacks-support';
import { docker, freshBerth, harness, params, req, signUp, stackNamer, type Store, uniqueName, waitFor } from './support';

/**
 * The alert engine against daemon A's real events: a container that exits 3 fires container-died and resolves when it
 * runs again; an OOM kill under a 6 MiB limit; a restart loop (restart policy always on a container that exits at
 * once); a failing HEALTHCHECK; a host whose socket stops answering goes offline and back; a maintenance window
 * silences; rules, alerts and the per-host filter through the API. The first group runs on SQLite and PostgreSQL.
 */
const ENGINE = harness().DOCKER_A_SOCKET;
const IMAGE = harness().TEST_IMAGE;
const names: string[] = [];
const name = (p: string) => {
  const n = uniqueName(`alerts-${p}`);
  names.push(n);
  return n;
};

async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

const addRule = async (json: Record<string, unknown>) =>
  (await ok<{ rule: AlertRuleView }>(rulesRoute.POST(req('/api/v1/alerts/rules', { method: 'POST', json }), params({})), 201)).rule;
const list = async (query = '', token?: string) =>
  (await ok<{ alerts: Alert[] }>(alertsRoute.GET(req(`/api/v1/alerts${query}`, { token }), params({})))).alerts;
/** The engine's alert about a container (by name), waited for in the API's answer. */
/** The alert about `subject`; on host `hostId` when given (a second host on the same daemon sees the same events). */
const alertOf = (kind: AlertKind, subject: string, state: Alert['state'] = 'firing', ms = 20_000, hostId?: string) =>
  waitFor(
    `a ${state} ${kind} alert about ${subject}`,
    async () => (await list()).find((a) => a.kind === kind && a.subject.name === subject && a.state === state && (!hostId || a.hostId === hostId)),
    ms,
  );

const projects: string[] = [];

afterAll(async () => {
  for (const n of names) await docker(ENGINE, 'rm', '-f', n).catch(() => undefined);
  for (const p of projects) await cleanupProject(ENGINE, p).catch(() => undefined);
});

describe.each<Store>(['sqlite', 'postgres'])('alerts on daemon A (%s)', (store) => {
  let berth: Berth;
  let host = '';
  beforeAll(async () => {
    berth = await freshBerth(store);
    installBerth(berth);
    host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
    await waitFor('host A synced', () => berth.fleet.runtime(host).synced, 10_000);
  });
  afterAll(async () => {
    await berth?.close();
  });

  it('container-died fires on exit 3 with the code, resolves when the container runs again, and is kept in the store', async () => {
    const rule = await addRule({ name: 'died', kind: 'container-died', hostId: host, severity: 'critical' });
    const c = name('died');
    // first run exits 3; a second start finds its mark and keeps running
    await docker(ENGINE, 'run', '--name', c, IMAGE, 'sh', '-c', 'test -f /ran && exec sleep 600; touch /ran; exit 3').catch(() => undefined);
    const a = await alertOf('container-died', c);
    expect(a).toMatchObject({
      ruleId: rule.id,
      severity: 'critical',
      hostId: host,
      hostName: 'a',
      count: 1,
      silenced: false,
      summary: `${c} exited with code 3`,
    });
    expect(a.subject.type).toBe('container');
    await docker(ENGINE, 'start', c);
    const resolved = await alertOf('container-died', c, 'resolved');
    expect(resolved.id).toBe(a.id);
    expect(resolved.resolvedAt).not.toBeNull();
    const row = await berth.db.selectFrom('alerts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'resolved', dedup_key: null });
    // one alert, by id, with the caller's grants; a viewer of no host sees none
    expect((await ok<{ alert: Alert }>(alertOne.GET(req(`/api/v1/alerts/${a.id}`), params({ aid: a.id })))).alert.id).toBe(a.id);
    const nobody = await signUp(berth, uniqueName('nobody'), 'viewer', 'some-other-host');
    expect(await list('', nobody)).toEqual([]);
    await ok(alertOne.GET(req(`/api/v1/alerts/${a.id}`, { token: nobody }), params({ aid: a.id })), 404);
  });

  it('a rule survives a restart of the engine and its firing alert is not duplicated', async () => {
    const rule = await addRule({ name: 'died again', kind: 'container-died', hostId: host });
    const c = name('twice');
    await docker(ENGINE, 'run', '--name', c, IMAGE, 'sh', '-c', 'exit 4').catch(() => undefined);
    const first = await alertOf('container-died', c);
    await alertEngine(berth).flush();
    // a new engine reads the firing alert back: the next exit of the same container counts on it
    const fresh = alertEngine(berth);
    await fresh.stop();
    fresh.stopped = false;
    fresh.open.firing.clear();
    await fresh.start();
    await docker(ENGINE, 'start', c);
    await waitFor('count 2', async () => (await list()).find((a) => a.id === first.id && a.count === 2 && a.state === 'firing'), 20_000);
    await ok(ruleOne.DELETE(req(`/api/v1/alerts/rules/${rule.id}`, { method: 'DELETE' }), params({ rid: rule.id })));
    await alertOf('container-died', c, 'resolved');
  });
});

describe('alerts on daemon A: OOM, restart loop, unhealthy, host offline, maintenance', () => {
  let berth: Berth;
  let host = '';
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-alerts-'));
  beforeAll(async () => {
    berth = await freshBerth('sqlite');
    installBerth(berth);
    host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
    await waitFor('host A synced', () => berth.fleet.runtime(host).synced, 10_000);
  });
  afterAll(async () => {
    await berth?.close();
  });

  it('oom-killed fires when the kernel kills a container over its memory limit', async () => {
    await addRule({ name: 'oom', kind: 'oom-killed', hostId: host });
    await addRule({ name: 'died (all)', kind: 'container-died' });
    const c = name('oom');
    // tail keeps its one endless "line" in memory: well past 6 MiB at once
    await docker(ENGINE, 'run', '--name', c, '-m', '6m', '--memory-swap', '6m', IMAGE, 'sh', '-c', 'head -c 50m /dev/zero | tail').catch(() => undefined);
    const a = await alertOf('oom-killed', c);
    expect(a.summary).toMatch(/ran out of memory and was killed by the kernel's OOM killer/);
    expect((await alertOf('container-died', c)).summary).toBe(`${c} exited with code 137 (killed: out of memory)`);
  });

  it('restart-loop fires after N restarts within M minutes and resolves when the container is removed', async () => {
    await addRule({ name: 'loop', kind: 'restart-loop', params: { restarts: 3, minutes: 1 } });
    const c = name('loop');
    await docker(ENGINE, 'run', '-d', '--name', c, '--restart', 'always', IMAGE, 'sh', '-c', 'exit 1');
    const a = await alertOf('restart-loop', c, 'firing', 30_000);
    expect(a.summary).toMatch(new RegExp(`^${c} restarted \\d+ times in 1 min; its last run exited with code 1$`));
    await docker(ENGINE, 'rm', '-f', c);
    await alertOf('restart-loop', c, 'resolved');
  });

  it('unhealthy fires when the HEALTHCHECK fails', async () => {
    await addRule({ name: 'health', kind: 'unhealthy', params: { source: 'engine' } });
    const c = name('sick');
    await docker(ENGINE, 'run', '-d', '--name', c, '--health-cmd', 'exit 1', '--health-interval', '1s', '--health-retries', '1', IMAGE, 'sleep', '600');
    expect((await alertOf('unhealthy', c)).summary).toBe(`${c}'s HEALTHCHECK reports unhealthy`);
    await docker(ENGINE, 'stop', '-t', '1', c);
    await alertOf('unhealthy', c, 'resolved');
  });

  it('host-offline fires when the daemon stops answering and resolves when it is back', async () => {
    await addRule({ name: 'offline', kind: 'host-offline', severity: 'critical' });
    // a host reached through a socket Berth's test controls: nothing listens, then a relay to daemon A
    const sock = path.join(sockDir, 'relay.sock');
    const id = await insertHost(berth.db, berth.box, {
      name: 'relay',
      connection: { kind: 'socket', socketPath: sock },
      info: berth.fleet.runtime(host).info!,
    });
    berth.fleet.add((await findHostRecord(berth.db, berth.box, id))!);
    const off = await waitFor(
      'host offline alert',
      async () => (await list()).find((a) => a.kind === 'host-offline' && a.hostId === id && a.state === 'firing'),
      20_000,
    );
    expect(off.subject).toEqual({ type: 'host', id, name: 'relay' });
    expect(off.summary).toMatch(/^Host relay is offline: /);
    const piped = new Set<net.Socket>();
    const relay = net.createServer((cl) => {
      const up = net.connect(ENGINE);
      piped.add(cl).add(up);
      cl.pipe(up).pipe(cl);
      up.on('error', () => cl.destroy());
      cl.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => relay.listen(sock, r));
    try {
      await waitFor('host offline alert resolved', async () => (await list()).find((a) => a.id === off.id && a.state === 'resolved'), 20_000);
    } finally {
      berth.fleet.remove(id);
      // close() only stops new connections: the relay host's event stream would go on through its open pipe
      relay.close();
      for (const p of piped) p.destroy();
    }
  });

  it('a maintenance window silences: the alert is recorded and shown, marked silenced', async () => {
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const w = await ok<{ window: { id: string } }>(
      windowsRoute.POST(req('/api/v1/alerts/maintenance', { method: 'POST', json: { hostId: host, endsAt, reason: 'kernel upgrade' } }), params({})),
      201,
    );
    const c = name('quiet');
    await docker(ENGINE, 'run', '--name', c, IMAGE, 'sh', '-c', 'exit 5').catch(() => undefined);
    const a = await alertOf('container-died', c, 'firing', 20_000, host);
    expect(a.silenced).toBe(true);
    const { windows } = await ok<{ windows: { id: string }[] }>(windowsRoute.GET(req('/api/v1/alerts/maintenance'), params({})));
    expect(windows.map((x) => x.id)).toContain(w.window.id);
    // resolving by hand
    const r = await ok<{ alert: Alert }>(alertOne.POST(req(`/api/v1/alerts/${a.id}`, { method: 'POST', json: { action: 'resolve' } }), params({ aid: a.id })));
    expect(r.alert.state).toBe('resolved');
    await ok(alertOne.POST(req(`/api/v1/alerts/${a.id}`, { method: 'POST', json: { action: 'resolve' } }), params({ aid: a.id })), 409);
  });

  it('deploy-failed fires when a stack deploy fails and resolves when the next one succeeds', async () => {
    await addRule({ name: 'deploys', kind: 'deploy-failed', severity: 'critical' });
    const stack = stackNamer(projects)('alertsdeploy');
    const port = await freePort();
    const holder = name('holder');
    await docker(ENGINE, 'run', '-d', '--name', holder, '-p', `${port}:80`, IMAGE, 'sleep', '600');
    const compose = `services:\n  app:\n    image: ${IMAGE}\n    command: ["sleep", "600"]\n    ports: ["${port}:80"]\n`;
    const api = stackApi(() => host);
    const res = await api.create({ name: stack, compose, env: '', deploy: true });
    expect(res.status).toBe(409);
    const a = await alertOf('deploy-failed', stack);
    expect(a.subject).toEqual({ type: 'stack', id: stack, name: stack });
    expect(a.summary).toMatch(new RegExp(`^Deploy of stack ${stack} failed: .*port ${port}/tcp on host a is used by container ${holder}`));
    await docker(ENGINE, 'rm', '-f', holder);
    expect((await api.deploy(stack, { wait: true })).status).toBe(200);
    await alertOf('deploy-failed', stack, 'resolved');
  });

  it("disk-usage measures the data root's filesystem with df in a one-shot container, and Docker's own total", async () => {
    const saved = probeConfig.image;
    probeConfig.image = IMAGE;
    try {
      await addRule({ name: 'disk', kind: 'disk-usage', hostId: host, params: { percent: 1 } });
      await addRule({ name: 'docker total', kind: 'disk-usage', hostId: host, params: { totalGiB: 0.000001 } });
      await alertEngine(berth).checkDisks();
      const alerts = await waitFor('two disk alerts', async () => {
        const l = (await list()).filter((a) => a.kind === 'disk-usage' && a.state === 'firing');
        return l.length === 2 && l;
      });
      expect(alerts.map((a) => a.summary).sort()).toEqual([
        expect.stringMatching(/^Docker on a uses [\d.]+ GiB \(images, containers, volumes, build cache\), above 0.000001 GiB$/),
        expect.stringMatching(/^Docker's data root \/.+ on a is \d+% full \([\d.]+ GiB of [\d.]+ GiB\), above 1%$/),
      ]);
      // the helper is gone
      expect(await docker(ENGINE, 'ps', '-a', '-q', '--filter', 'label=io.berth.alert-disk-check')).toBe('');
    } finally {
      probeConfig.image = saved;
    }
  });

  it('refuses bad rules with the reason, and non-admins', async () => {
    const bad = await rulesRoute.POST(req('/api/v1/alerts/rules', { method: 'POST', json: { name: 'x', kind: 'host-offline', stack: 'shop' } }), params({}));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/about whole hosts/);
    const unknownHost = await rulesRoute.POST(
      req('/api/v1/alerts/rules', { method: 'POST', json: { name: 'x', kind: 'container-died', hostId: 'nope' } }),
      params({}),
    );
    expect((await unknownHost.json()).error.message).toMatch(/no host with id "nope"/);
    const viewer = await signUp(berth, uniqueName('viewer'), 'operator');
    expect((await rulesRoute.GET(req('/api/v1/alerts/rules', { token: viewer }), params({}))).status).toBe(403);
  });
});
