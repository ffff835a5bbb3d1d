import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertKind } from '@/lib/alert-types';
import { type AlertRuleParams, AlertRuleCreateSchema } from '@/lib/schemas/alerts';
import type { EngineEvent } from '../docker/events';
import { afterEvent, type AlertEvent, evaluate, fromEngineEvent, newMemory, type Outcome, remember, restartLoopOver, ruleOf } from './evaluate';

/**
 * Each kind on Engine events captured from Engine 20.10 (daemon A) with `docker events` (fixtures/engine-events.json):
 * a container that exited 3, one OOM-killed under a 6 MiB limit (oom, then die 137), a failing HEALTHCHECK, and a
 * `docker stop` (kill 15, die 137, stop). Restart loops and the rest are built from the same shapes.
 */
const captured = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'engine-events.json'), 'utf8')) as EngineEvent[];
const of = (name: string, action: string) => {
  const e = captured.find((x) => x.Actor.Attributes?.name === name && x.Action === action);
  const ev = e && fromEngineEvent('h1', e);
  if (!ev) throw new Error(`no captured ${action} of ${name} that a rule reads`);
  return ev;
};

const rule = (kind: AlertKind, params: AlertRuleParams = {}, extra: Record<string, unknown> = {}) =>
  ruleOf({
    id: `r-${kind}`,
    ...AlertRuleCreateSchema.parse({ name: kind, kind, params, ...extra }),
    createdAt: '',
    updatedAt: '',
  });

/** Feeds events through memory and one rule, as the engine does; the outcomes in order. */
function run(r: ReturnType<typeof rule>, events: AlertEvent[]): (Outcome | null)[] {
  const mem = newMemory();
  return events.map((e) => {
    remember(mem, e);
    const o = evaluate(r, e, mem);
    afterEvent(mem, e);
    return o;
  });
}

const ALERT_KINDS_FOR_BENCH: AlertKind[] = ['container-died', 'oom-killed', 'restart-loop', 'unhealthy', 'host-offline', 'deploy-failed', 'disk-usage'];
const fired = (o: Outcome | null) => (o?.op === 'fire' ? o.summary : null);

describe('container-died', () => {
  it('fires on a non-zero exit with the code in words, resolves when it starts again', () => {
    const [, die, start] = run(rule('container-died'), [of('alerts-cap-exit3', 'start'), of('alerts-cap-exit3', 'die'), of('alerts-cap-exit3', 'start')]);
    expect(fired(die)).toBe('alerts-cap-exit3 exited with code 3');
    expect(start).toMatchObject({ op: 'resolve', subject: { type: 'container' } });
  });

  it('ignores exit 0 and the codes the rule ignores', () => {
    const die0 = { ...of('alerts-cap-exit3', 'die'), exitCode: 0 } as AlertEvent;
    expect(run(rule('container-died'), [die0])).toEqual([null]);
    expect(run(rule('container-died', { ignoreExitCodes: [3] }), [of('alerts-cap-exit3', 'die')])).toEqual([null]);
  });

  it('says 137 was a kill, and an OOM kill as such', () => {
    const killed = { ...of('alerts-cap-exit3', 'die'), exitCode: 137 } as AlertEvent;
    expect(fired(run(rule('container-died'), [killed])[0])).toBe('alerts-cap-exit3 exited with code 137 (killed: SIGKILL)');
    const [, , die] = run(rule('container-died'), [of('alerts-cap-oom2', 'start'), of('alerts-cap-oom2', 'oom'), of('alerts-cap-oom2', 'die')]);
    expect(fired(die)).toBe('alerts-cap-oom2 exited with code 137 (killed: out of memory)');
  });

  it('leaves out an exit someone asked for (docker stop), unless the rule wants those too', () => {
    const stop = ['start', 'kill', 'die', 'stop'].map((a) => of('alerts-cap-stop', a));
    expect(run(rule('container-died'), stop).some((o) => o?.op === 'fire')).toBe(false);
    expect(run(rule('container-died', { ignoreRequestedStops: false }), stop).map(fired)[2]).toMatch(/exited with code 137/);
  });
});

describe('oom-killed', () => {
  it('fires on the oom event and resolves on the next start', () => {
    const out = run(rule('oom-killed'), [
      of('alerts-cap-oom2', 'start'),
      of('alerts-cap-oom2', 'oom'),
      of('alerts-cap-oom2', 'die'),
      of('alerts-cap-oom2', 'start'),
    ]);
    expect(fired(out[1])).toMatch(/alerts-cap-oom2 ran out of memory/);
    expect(out[2]).toBeNull();
    expect(out[3]?.op).toBe('resolve');
  });
});

describe('restart-loop', () => {
  const base = of('alerts-cap-exit3', 'start');
  const at = (action: string, ms: number, exitCode?: number): AlertEvent => ({ ...base, action, at: ms, exitCode }) as AlertEvent;
  it('counts restarts (a start after an exit) within the window and fires at N', () => {
    const r = rule('restart-loop', { restarts: 3, minutes: 1 });
    const events = [at('start', 0), at('die', 100, 1), at('start', 200), at('die', 300, 1), at('start', 500), at('die', 600, 1), at('start', 900)];
    const out = run(r, events);
    expect(
      out
        .slice(0, 6)
        .filter(Boolean)
        .every((o) => o?.op !== 'fire'),
    ).toBe(true);
    expect(fired(out[6])).toBe('alerts-cap-exit3 restarted 3 times in 1 min; its last run exited with code 1');
  });
  it('does not count restarts older than the window, nor a restart someone asked for', () => {
    const r = rule('restart-loop', { restarts: 2, minutes: 1 });
    const slow = run(r, [at('die', 0, 1), at('start', 1000), at('die', 2000, 1), at('start', 90_000)]);
    expect(slow.some((o) => o?.op === 'fire')).toBe(false);
    const asked = run(r, [at('kill', 0), at('die', 10, 137), at('start', 20), at('kill', 30), at('die', 40, 137), at('start', 50)]);
    expect(asked.some((o) => o?.op === 'fire')).toBe(false);
  });
  it('is over once the window passes without a restart', () => {
    const r = rule('restart-loop', { restarts: 2, minutes: 1 });
    const mem = newMemory();
    for (const e of [at('die', 0, 1), at('start', 10), at('die', 20, 1), at('start', 30)]) remember(mem, e);
    expect(restartLoopOver(r, mem, base.type === 'container' ? base.id : '', 30_000)).toBe(false);
    expect(restartLoopOver(r, mem, base.type === 'container' ? base.id : '', 61_000)).toBe(true);
  });
});

describe('unhealthy', () => {
  it('fires on health_status: unhealthy, resolves on healthy or when the container stops', () => {
    const unhealthy = of('alerts-cap-health', 'health_status: unhealthy');
    const healthy = { ...unhealthy, action: 'health_status: healthy' } as AlertEvent;
    const out = run(rule('unhealthy'), [unhealthy, healthy]);
    expect(fired(out[0])).toBe("alerts-cap-health's HEALTHCHECK reports unhealthy");
    expect(out[1]?.op).toBe('resolve');
    expect(run(rule('unhealthy'), [of('alerts-cap-health', 'die')])[0]?.op).toBe('resolve');
  });
  it("hears Berth's external check too, unless the rule wants the Engine's only", () => {
    const ext: AlertEvent = {
      type: 'external-health',
      hostId: 'h1',
      at: 0,
      id: 'c1',
      name: 'shop-web-1',
      stack: 'shop',
      service: 'web',
      state: 'unhealthy',
      error: 'connection refused',
    };
    expect(fired(run(rule('unhealthy'), [ext])[0])).toBe("shop-web-1 failed Berth's health check: connection refused");
    expect(run(rule('unhealthy', { source: 'engine' }), [ext])).toEqual([null]);
    expect(run(rule('unhealthy'), [{ ...ext, state: 'healthy' }])[0]?.op).toBe('resolve');
  });
});

describe('host-offline, deploy-failed, disk-usage, image-update', () => {
  it('host offline fires with the error, online resolves', () => {
    const off: AlertEvent = { type: 'host', hostId: 'h1', hostName: 'web-1', at: 0, status: 'offline', error: 'connect ECONNREFUSED' };
    expect(fired(run(rule('host-offline'), [off])[0])).toBe('Host web-1 is offline: connect ECONNREFUSED');
    expect(run(rule('host-offline'), [{ ...off, status: 'online' }])[0]).toMatchObject({ op: 'resolve', subject: { type: 'host', id: 'h1' } });
    expect(run(rule('host-offline', {}, { hostId: 'other' }), [off])).toEqual([null]);
  });
  it('a failed deploy or upgrade fires on its stack, a later success resolves; other operations are not watched', () => {
    const op: AlertEvent = { type: 'operation', hostId: 'h1', at: 0, stack: 'shop', kind: 'deploy', status: 'failed', error: 'image not found' };
    expect(fired(run(rule('deploy-failed'), [op])[0])).toBe('Deploy of stack shop failed: image not found');
    expect(run(rule('deploy-failed'), [{ ...op, status: 'succeeded' }])[0]?.op).toBe('resolve');
    expect(run(rule('deploy-failed'), [{ ...op, kind: 'stop' }])).toEqual([null]);
    expect(run(rule('deploy-failed', {}, { stack: 'blog' }), [op])).toEqual([null]);
  });
  it('disk fires above the percent and resolves below; a size threshold reads Docker’s own total', () => {
    const d: AlertEvent = {
      type: 'disk',
      hostId: 'h1',
      hostName: 'web-1',
      at: 0,
      root: '/var/lib/docker',
      percent: 93,
      used: 93 * 2 ** 30,
      size: 100 * 2 ** 30,
      dockerTotal: 5 * 2 ** 30,
    };
    expect(fired(run(rule('disk-usage'), [d])[0])).toBe("Docker's data root /var/lib/docker on web-1 is 93% full (93.0 GiB of 100.0 GiB), above 90%");
    expect(run(rule('disk-usage', { percent: 95 }), [d])[0]?.op).toBe('resolve');
    expect(fired(run(rule('disk-usage', { totalGiB: 4 }), [d])[0])).toMatch(/uses 5.0 GiB .* above 4 GiB/);
  });
  it('image update fires while an update is available and resolves when up to date', () => {
    const u: AlertEvent = { type: 'image-update', hostId: 'h1', hostName: 'web-1', at: 0, image: 'nginx:1.25', status: 'update-available' };
    expect(fired(run(rule('image-update'), [u])[0])).toBe('An update is available for nginx:1.25 on web-1');
    expect(run(rule('image-update'), [{ ...u, status: 'up-to-date' }])[0]?.op).toBe('resolve');
  });
});

describe('cost', () => {
  it('1,000 events through 20 rules take well under a millisecond each', () => {
    const rules = ALERT_KINDS_FOR_BENCH.flatMap((k) => [rule(k), rule(k, {}, { hostId: 'h1' }), rule(k, {}, { hostId: 'h2' })]).slice(0, 20);
    const mem = newMemory();
    const events = captured.map((e) => fromEngineEvent('h1', e)).filter((e): e is AlertEvent => e !== null);
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      const e = events[i % events.length];
      remember(mem, e);
      for (const r of rules) evaluate(r, e, mem);
      afterEvent(mem, e);
    }
    expect((performance.now() - t0) / 1000).toBeLessThan(0.2);
  });
});

describe('scope', () => {
  const die = (labels: Record<string, string>): AlertEvent => ({ ...of('alerts-cap-exit3', 'die'), labels }) as AlertEvent;
  it('a stack rule takes its compose project only; a label rule its label (key, or key=value)', () => {
    expect(run(rule('container-died', {}, { stack: 'shop' }), [die({ 'com.docker.compose.project': 'shop' })])[0]?.op).toBe('fire');
    expect(run(rule('container-died', {}, { stack: 'shop' }), [die({})])).toEqual([null]);
    expect(run(rule('container-died', {}, { label: 'team=web' }), [die({ team: 'web' })])[0]?.op).toBe('fire');
    expect(run(rule('container-died', {}, { label: 'team=web' }), [die({ team: 'db' })])).toEqual([null]);
    expect(run(rule('container-died', {}, { label: 'team' }), [die({ team: 'db' })])[0]?.op).toBe('fire');
  });
  it('a disabled rule sees nothing', () => {
    expect(run(rule('container-died', {}, { enabled: false }), [of('alerts-cap-exit3', 'die')])).toEqual([null]);
  });
  it('events no rule reads are dropped before any work', () => {
    expect(fromEngineEvent('h1', { ...captured[0], Action: 'exec_create: sh' })).toBeNull();
    const probe = captured.find((e) => e.Action === 'die')!;
    expect(fromEngineEvent('h1', { ...probe, Actor: { ...probe.Actor, Attributes: { ...probe.Actor.Attributes, 'io.berth.health-probe': 'x' } } })).toBeNull();
  });
});
