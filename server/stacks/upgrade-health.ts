import type { Engine } from '../docker/connect';
import { inspectState, waitForCondition } from '../compose/apply-steps';
import type { ServiceSpec } from '../compose/model';
import { BerthError } from '../errors';
import { probeNow } from '../health/dispatch';
import type { HasHealth } from '../health/memory';

/** How long a new container may take to pass a Docker healthcheck (the external check has its own initializing timeout). */
export const upgradeTuning = { dockerHealthTimeoutMs: 300_000 };

/**
 * Waits until a new container of a rolling upgrade passes its health check: Berth's external check when the service
 * has one (healthy_threshold successes in a row within initializing_timeout), else the Engine's healthcheck when the
 * container has one, else simply running.
 */
export async function waitHealthy(b: HasHealth, engine: Engine, hostId: string, s: ServiceSpec, id: string, name: string): Promise<string> {
  const spec = s.berthHealth;
  if (spec) {
    const end = Date.now() + Math.max(spec.initializing_timeout, spec.interval * spec.healthy_threshold);
    let streak = 0;
    let last = '';
    for (;;) {
      const st = await inspectState(engine, id);
      if (!st.Running) throw new BerthError('conflict', `${name} stopped (exit code ${st.ExitCode}) before it passed its health check; its logs say why`);
      const r = await probeNow(b, engine, hostId, id, spec, st.Pid);
      streak = r.ok ? streak + 1 : 0;
      last = r.error ?? last;
      if (streak >= spec.healthy_threshold) return 'passed its external health check';
      if (Date.now() > end)
        throw new BerthError('conflict', `${name} did not pass its health check within ${spec.initializing_timeout} ms${last ? `: ${last}` : ''}`);
      await new Promise((res) => setTimeout(res, spec.interval));
    }
  }
  const st = await inspectState(engine, id);
  if (st.Health) {
    await waitForCondition(engine, s.name, [id], 'service_healthy', upgradeTuning.dockerHealthTimeoutMs);
    return 'healthy (Docker healthcheck)';
  }
  await waitForCondition(engine, s.name, [id], 'service_started', 30_000);
  return 'running';
}
