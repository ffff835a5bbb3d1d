import type Docker from 'dockerode';
import { writeAudit } from '../audit/log';
import { replaceReplica } from '../compose/apply-steps';
import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import type { ComposeModel } from '../compose/model';
import type { Berth } from '../context';
import { beginOperation } from '../stacks/operations';
import { listStackRecords } from '../stacks/repo';
import { modelOf } from '../stacks/service';
import { PROBE_LABEL, probe } from './probe';
import { backoffMs, type HealthState, newTracker, observe, tick, type Tracker } from './state';

/**
 * The external health checker: one loop per Berth process. Every tick it lists, per host, the containers of each
 * stored stack that has a service with `x-berth-healthcheck` (one Engine list call per such stack), probes each running
 * replica when its interval is due, feeds the result to the state machine, writes transitions to the activity log, and
 * recreates unhealthy replicas of services whose strategy is `recreate`, with backoff. State lives on globalThis so the
 * custom server's copy of this module and Next's copy (route handlers) share it.
 */
export const healthTuning = { tickMs: 1000, backoffBaseMs: 5000, stackReloadMs: 5000 };

export interface ContainerHealth {
  containerId: string;
  name: string;
  service: string;
  state: HealthState;
  since: string;
  lastError: string | null;
}

interface Watched {
  hostId: string;
  stack: string;
  service: string;
  number: number;
  name: string;
  tracker: Tracker;
  lastProbe: number;
  probing: boolean;
  recreating: boolean;
}

interface Shared {
  watched: Map<string, Watched>;
  recreates: Map<string, { attempts: number; notBefore: number }>;
  stacks: Map<string, { at: number; list: { name: string; model: ComposeModel }[] }>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  swept: Set<string>;
}
const G = Symbol.for('berth.health');
function shared(): Shared {
  const g = globalThis as { [G]?: Shared };
  return (g[G] ??= { watched: new Map(), recreates: new Map(), stacks: new Map(), timer: null, running: false, swept: new Set() });
}

/** Starts the loop (idempotent); returns a stop function. */
export function startHealthChecker(b: Berth): () => void {
  const s = shared();
  if (!s.timer) {
    s.timer = setInterval(() => {
      if (s.running) return;
      s.running = true;
      checkOnce(b)
        .catch((e) => console.warn(`berth: health check round failed: ${(e as Error).message}`))
        .finally(() => (s.running = false));
    }, healthTuning.tickMs);
    s.timer.unref?.();
  }
  return () => {
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
  };
}

/** The health of a stack's checked containers (only services with x-berth-healthcheck appear). */
export function stackHealth(hostId: string, stack: string): ContainerHealth[] {
  return [...shared().watched.entries()]
    .filter(([, w]) => w.hostId === hostId && w.stack === stack)
    .map(([id, w]) => ({ containerId: id, name: w.name, service: w.service, state: w.tracker.state, since: new Date(w.tracker.since).toISOString(), lastError: w.tracker.lastError }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Health by container id over every host, for the container list. */
export function healthByContainer(): Record<string, HealthState> {
  return Object.fromEntries([...shared().watched.entries()].map(([id, w]) => [id, w.tracker.state]));
}

async function stacksOf(b: Berth, hostId: string) {
  const s = shared();
  const cached = s.stacks.get(hostId);
  if (cached && Date.now() - cached.at < healthTuning.stackReloadMs) return cached.list;
  const list: { name: string; model: ComposeModel }[] = [];
  for (const r of await listStackRecords(b.db, b.box, hostId)) {
    try {
      const model = modelOf(r.compose, r.env);
      if (Object.values(model.services).some((x) => x.berthHealth)) list.push({ name: r.name, model });
    } catch {
      // a stored file that no longer loads has nothing to check
    }
  }
  s.stacks.set(hostId, { at: Date.now(), list });
  return list;
}

/** One round over every online host. Exported for tests. */
export async function checkOnce(b: Berth): Promise<void> {
  const s = shared();
  const seen = new Set<string>();
  for (const h of b.fleet.hosts()) {
    if (h.status === 'offline') continue;
    const engine = b.fleet.runtime(h.id).engine;
    if (!s.swept.has(h.id)) {
      // probe helpers left by a Berth that died mid-check (older than any live probe, which lasts seconds)
      const left = (await engine.docker.listContainers({ all: true, filters: { label: [PROBE_LABEL] } }).catch(() => [])).filter((c) => c.Created < Date.now() / 1000 - 120);
      await Promise.all(left.map((c) => engine.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
      s.swept.add(h.id);
    }
    for (const st of await stacksOf(b, h.id)) {
      let containers: Docker.ContainerInfo[];
      try {
        containers = await projectContainers(engine, st.name);
      } catch {
        continue;
      }
      for (const c of containers) {
        const service = c.Labels[L.service];
        const spec = st.model.services[service]?.berthHealth;
        const name = (c.Names[0] ?? '').replace(/^\//, '');
        // set-aside containers of an upgrade or recreate are not the service's live replicas
        if (!spec || c.State !== 'running' || c.Labels[L.oneoff] === 'True' || /-old-/.test(name)) continue;
        seen.add(c.Id);
        let w = s.watched.get(c.Id);
        if (!w) s.watched.set(c.Id, (w = { hostId: h.id, stack: st.name, service, number: Number(c.Labels[L.number]) || 1, name, tracker: newTracker(Date.now()), lastProbe: 0, probing: false, recreating: false }));
        const t = tick(w.tracker, spec, Date.now());
        if (t.changed) await transition(b, c.Id, w, t.tracker, t.changed);
        if (w.tracker.state === 'unhealthy' && spec.strategy === 'recreate' && !w.probing && !w.recreating) {
          w.recreating = true;
          const ww = w;
          void recreate(b, c.Id, ww, st.model).finally(() => (ww.recreating = false));
          continue;
        }
        if (!w.probing && Date.now() - w.lastProbe >= spec.interval) {
          w.probing = true;
          w.lastProbe = Date.now();
          const ww = w;
          void probe(engine, c.Id, spec)
            .then(async (r) => {
              const o = observe(ww.tracker, r.ok, r.error, spec, Date.now());
              if (o.changed) await transition(b, c.Id, ww, o.tracker, o.changed);
              else ww.tracker = o.tracker;
            })
            .catch((e) => console.warn(`berth: health probe of ${ww.name} failed: ${(e as Error).message}`))
            .finally(() => (ww.probing = false));
        }
      }
    }
  }
  for (const [id, w] of s.watched) if (!seen.has(id) && !w.probing) s.watched.delete(id);
}

async function transition(b: Berth, id: string, w: Watched, tracker: Tracker, changed: { from: HealthState; to: HealthState }): Promise<void> {
  w.tracker = tracker;
  if (changed.to === 'healthy') shared().recreates.delete(replicaKey(w));
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

const replicaKey = (w: Watched) => `${w.hostId}/${w.stack}/${w.service}/${w.number}`;

/** Recreates an unhealthy replica unless its backoff has not passed (it stays unhealthy and is retried on a later tick). */
async function recreate(b: Berth, id: string, w: Watched, model: ComposeModel): Promise<void> {
  const s = shared();
  const key = replicaKey(w);
  const r = s.recreates.get(key) ?? { attempts: 0, notBefore: 0 };
  if (Date.now() < r.notBefore) return;
  let op;
  try {
    op = await beginOperation(b.db, w.hostId, w.stack, 'recreate', 'berth', [w.service]);
  } catch {
    return; // the stack is busy (a deploy or an upgrade): try again on a later tick
  }
  r.attempts += 1;
  r.notBefore = Date.now() + backoffMs(r.attempts, healthTuning.backoffBaseMs);
  s.recreates.set(key, r);
  try {
    op.step(w.service, 'working', `recreating ${w.name}: unhealthy (${w.tracker.lastError ?? 'health check failed'}), attempt ${r.attempts}`);
    const engine = b.fleet.runtime(w.hostId).engine;
    const rep = await replaceReplica({ engine, project: w.stack, model }, model.services[w.service], w.number, id, w.name, `hc${op.id.slice(0, 6)}`);
    await rep.commit();
    s.watched.delete(id);
    op.step(w.service, 'done', `recreated ${w.name}`);
    await op.finish('succeeded');
    await writeAudit(b.db, { actor: 'berth', actorKind: 'system', action: 'stack.health.recreate', hostId: w.hostId, target: `${w.stack}/${w.name}`, result: 'ok', details: { service: w.service, oldId: id, newId: rep.newId, attempt: r.attempts } }).catch(() => undefined);
  } catch (e) {
    await op.finish('failed', `could not recreate ${w.name}: ${(e as Error).message}`);
  }
}
