import { alertOnExternalHealth } from '../alerts/engine';
import { writeAudit } from '../audit/log';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { inspectRawContainer } from '../docker/container-calls';
import { agentFor, probeBatch } from './agent';
import type { BatchItem } from './agent-script';
import { type HasHealth, persist, replicaKey, type Watched } from './memory';
import { probe, type ProbeResult } from './probe';
import { forgetProbeImage } from './probe-image';
import type { BerthHealthSpec } from '@/lib/schemas/health';
import { type HealthState, observe, type Tracker } from './state';

/** A replica whose check is due this round (its `probing` flag is already set). */
export interface Due {
  id: string;
  spec: BerthHealthSpec;
  w: Watched;
}

/**
 * Runs one host's due probes and feeds each result to its state machine: in one exec on the host's health agent
 * (agent.ts) when it can run there, else one helper container per probe (probe.ts). Never waits for the probes:
 * the checker's round goes on, and each replica's `probing` flag is cleared when its result is in.
 */
export function dispatchProbes(b: Berth, hostId: string, engine: Engine, due: Due[]): void {
  if (!due.length) return;
  void (async () => {
    const agent = await agentFor(b, engine, hostId);
    if (!agent) {
      await Promise.all(
        due.map((d) =>
          probe(engine, d.id, d.spec).then(
            (r) => apply(b, hostId, d, r),
            (e) => warn(d, e),
          ),
        ),
      );
      return;
    }
    // the agent names targets by host pid, which changes when a container restarts: read it now
    const withPid = await Promise.all(
      due.map((d) =>
        inspectRawContainer(engine, d.id).then(
          (i) => ({ d, pid: i.State.Running ? i.State.Pid : 0 }),
          () => ({ d, pid: 0 }),
        ),
      ),
    );
    const ready = withPid.filter((x) => x.pid > 0);
    const items: BatchItem[] = ready.map(({ d, pid }) => ({ pid, spec: d.spec }));
    const results = items.length ? await probeBatch(b, engine, hostId, agent, items) : [];
    await Promise.all(ready.map(({ d }, i) => apply(b, hostId, d, results[i]).catch((e) => warn(d, e))));
  })()
    .catch((e) => console.warn(`berth: health probes on host ${hostId} failed: ${(e as Error).message}`))
    .finally(() => {
      for (const d of due) d.w.probing = false;
    });
}

/**
 * One probe now, outside the checker's rounds (a rolling upgrade waiting for its new container): through the host's
 * agent when it runs there, else a helper container. `pid`: the container's host pid, from the caller's inspect.
 */
export async function probeNow(b: HasHealth, engine: Engine, hostId: string, id: string, spec: BerthHealthSpec, pid: number): Promise<ProbeResult> {
  const agent = pid > 0 ? await agentFor(b, engine, hostId) : null;
  if (!agent) return probe(engine, id, spec);
  const [r] = await probeBatch(b, engine, hostId, agent, [{ pid, spec }]);
  return r.noVerdict ? probe(engine, id, spec) : r;
}

const warn = (d: Due, e: unknown) => console.warn(`berth: health probe of ${d.w.name} failed: ${(e as Error).message}`);

async function apply(b: Berth, hostId: string, d: Due, r: ProbeResult): Promise<void> {
  const w = d.w;
  if (r.missingImage || r.noVerdict) {
    // Berth's problem, not the container's: say why, make no verdict (a missing image is looked for and pulled again)
    if (r.missingImage) forgetProbeImage(b, hostId);
    w.tracker = { ...w.tracker, lastError: r.error };
    w.dirty = true;
    return;
  }
  const o = observe(w.tracker, r.ok, r.error, d.spec, Date.now());
  if (o.changed) await transition(b, d.id, w, o.tracker, o.changed);
  else {
    w.tracker = o.tracker;
    w.dirty = true;
  }
}

/** A state change: saved at once and written to the activity log. */
export async function transition(b: Berth, id: string, w: Watched, tracker: Tracker, changed: { from: HealthState; to: HealthState }): Promise<void> {
  w.tracker = tracker;
  if (changed.to === 'healthy') b.health.recreates.delete(replicaKey(w));
  alertOnExternalHealth(b, { hostId: w.hostId, id, name: w.name, stack: w.stack, service: w.service, state: changed.to, error: tracker.lastError });
  await persist(b, id, w, true);
  await writeAudit(b.db, {
    actor: 'berth',
    actorKind: 'system',
    action: 'stack.health',
    hostId: w.hostId,
    target: `${w.stack}/${w.name}`,
    result: changed.to === 'unhealthy' ? 'error' : 'ok',
    error: changed.to === 'unhealthy' ? tracker.lastError : null,
    details: { service: w.service, containerId: id, from: changed.from, to: changed.to },
  }).catch((e) => console.warn(`berth: could not write health transition: ${(e as Error).message}`));
}
