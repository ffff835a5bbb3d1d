import type Docker from 'dockerode';
import { writeAudit } from '../audit/log';
import { deployerOf } from '../auth/deployer';
import { enforceContainerPolicy } from '../auth/policy-effective';
import { replaceReplica } from '../compose/apply-steps';
import { containerOptions } from '../compose/create-options';
import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import type { ComposeModel } from '../compose/model';
import { healthTag, isAside } from '../containers/aside';
import { rawContainers, removeContainer } from '../docker/container-calls';
import type { Berth } from '../berth';
import type { BerthError } from '../errors';
import { beginOperation } from '../stacks/operations';
import { folderFiles } from '../stacks/folder-files';
import { getStackRecord, listStackRecords } from '../stacks/repo';
import { modelOfAsync } from '../stacks/service';
import { type Due, dispatchProbes, transition } from './dispatch';
import { flushAll, persist, replicaKey, restore, unwatch, watch, type Watched } from './memory';
import { PROBE_LABEL } from './probe';
import { probeImageBlocker } from './probe-image';
import { backoffMs, newTracker, tick } from './state';

export { allHealth, type ContainerHealth, forgetHealthMemory, healthByContainer, stackHealth } from './memory';

/**
 * The external health checker: one loop per Berth process. Every tick it lists, per host, the containers of each
 * stored stack that has a service with `x-berth-healthcheck` (one Engine list call per such stack), probes each running
 * replica when its interval is due, feeds the result to the state machine, writes transitions to the activity log, and
 * recreates unhealthy replicas of services whose strategy is `recreate`, with backoff. State is kept in memory and in
 * `health_states` (memory.ts), so it survives a restart.
 */
export const healthTuning = { tickMs: 1000, backoffBaseMs: 5000, stackReloadMs: 5000 };

/** Starts the loop (idempotent); the returned stop function waits for the round in progress and saves unsaved state. */
export function startHealthChecker(b: Berth): () => Promise<void> {
  const s = b.health;
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
  return async () => {
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
    while (s.running) await new Promise((r) => setTimeout(r, 20));
    await flushAll(b);
  };
}

/** The last model read of each stack's stored file, by stack id. */
const parsed = new Map<string, { compose: string; env: string; folder: unknown; model: ComposeModel }>();

async function stacksOf(b: Berth, hostId: string) {
  const s = b.health;
  const cached = s.stacks.get(hostId);
  if (cached && Date.now() - cached.at < healthTuning.stackReloadMs) return cached.list;
  const list: { name: string; model: ComposeModel }[] = [];
  for (const r of await listStackRecords(b.db, b.box, hostId)) {
    try {
      // env_file entries may name files of the stack's uploaded folder (cached per archive: one stat per reload)
      const folder = await folderFiles(b, r.id);
      // the file changes only when someone saves or deploys it: parse it again then, not every few seconds
      const known = parsed.get(r.id);
      const model =
        known && known.compose === r.compose && known.env === r.env && known.folder === folder
          ? known.model
          : await modelOfAsync(b, r.compose, r.env, r.name, folder);
      parsed.set(r.id, { compose: r.compose, env: r.env, folder, model });
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
  const s = b.health;
  const hosts = b.fleet.hosts();
  await restore(
    b,
    hosts.map((h) => h.id),
  );
  const seen = new Set<string>();
  // hosts whose checked containers were all listed this round: only there is a container not seen really gone
  const complete = new Set<string>();
  for (const h of hosts) {
    if (h.status === 'offline') continue;
    const engine = b.fleet.runtime(h.id).engine;
    if (!s.swept.has(h.id)) {
      // probe helpers left by a Berth that died mid-check (older than any live probe, which lasts seconds)
      const left = (await rawContainers(engine, { label: [PROBE_LABEL] }).catch(() => [])).filter((c) => c.Created < Date.now() / 1000 - 120);
      await Promise.all(left.map((c) => removeContainer(engine, c.Id).catch(() => undefined)));
      s.swept.add(h.id);
    }
    let listed = true;
    const due: Due[] = [];
    const stacks = await stacksOf(b, h.id);
    const blocked = stacks.length ? await probeImageBlocker(b, h.id) : null;
    for (const st of stacks) {
      let containers: Docker.ContainerInfo[];
      try {
        containers = await projectContainers(engine, st.name);
      } catch {
        listed = false;
        continue;
      }
      for (const c of containers) {
        const service = c.Labels[L.service];
        const spec = st.model.services[service]?.berthHealth;
        const name = (c.Names[0] ?? '').replace(/^\//, '');
        // set-aside containers of an upgrade or recreate are not the service's live replicas
        if (!spec || c.State !== 'running' || c.Labels[L.oneoff] === 'True' || isAside(name)) continue;
        seen.add(c.Id);
        let w = s.watched.get(c.Id);
        if (!w || w.hostId !== h.id) {
          w = watch(s, c.Id, { hostId: h.id, stack: st.name, service, number: Number(c.Labels[L.number]) || 1, name, tracker: newTracker(Date.now()) });
          await persist(b, c.Id, w, true);
        }
        if (blocked) {
          // Checks cannot run here: keep the state, show why, and do not let the initializing window run out meanwhile.
          if (w.tracker.lastError !== blocked || w.tracker.state === 'initializing') {
            w.tracker = { ...w.tracker, lastError: blocked, startedAt: w.tracker.state === 'initializing' ? Date.now() : w.tracker.startedAt };
            w.dirty = true;
          }
          continue;
        }
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
          due.push({ id: c.Id, spec, w });
        }
      }
    }
    dispatchProbes(b, h.id, engine, due);
    if (listed) complete.add(h.id);
  }
  const known = new Set(hosts.map((h) => h.id));
  for (const [id, w] of s.watched) {
    if (w.probing) continue;
    if (!known.has(w.hostId) || (complete.has(w.hostId) && !seen.has(id))) unwatch(b, id);
    else void persist(b, id, w);
  }
}

/** Recreates an unhealthy replica unless its backoff has not passed (it stays unhealthy and is retried on a later tick). */
async function recreate(b: Berth, id: string, w: Watched, model: ComposeModel): Promise<void> {
  const s = b.health;
  const key = replicaKey(w);
  const r = s.recreates.get(key) ?? { attempts: 0, notBefore: 0 };
  if (Date.now() < r.notBefore) return;
  let op;
  try {
    op = await beginOperation(b, w.hostId, w.stack, 'recreate', 'berth', [w.service]);
  } catch {
    return; // the stack is busy (a deploy or an upgrade): try again on a later tick
  }
  r.attempts += 1;
  r.notBefore = Date.now() + backoffMs(r.attempts, healthTuning.backoffBaseMs);
  s.recreates.set(key, r);
  // the backoff must outlive a restart that happens while the new replica starts
  await persist(b, id, w, true);
  try {
    op.step(w.service, 'working', `recreating ${w.name}: unhealthy (${w.tracker.lastError ?? 'health check failed'}), attempt ${r.attempts}`);
    const engine = b.fleet.runtime(w.hostId).engine;
    // Berth acts for whoever deployed the stack: the replacement is judged as if they created it now, so a join
    // target or volume that changed since the deploy cannot lend it powers they may not have
    const stack = await getStackRecord(b.db, b.box, w.hostId, w.stack);
    const create = containerOptions(w.stack, model, model.services[w.service], w.number).create as Docker.ContainerCreateOptions;
    await enforceContainerPolicy(b, await deployerOf(b, stack), w.hostId, create);
    const rep = await replaceReplica({ engine, project: w.stack, model }, model.services[w.service], w.number, id, w.name, healthTag(op.id));
    await rep.commit();
    unwatch(b, id);
    op.step(w.service, 'done', `recreated ${w.name}`);
    await op.finish('succeeded');
    await writeAudit(b.db, {
      actor: 'berth',
      actorKind: 'system',
      action: 'stack.health.recreate',
      hostId: w.hostId,
      target: `${w.stack}/${w.name}`,
      result: 'ok',
      details: { service: w.service, oldId: id, newId: rep.newId, attempt: r.attempts },
    }).catch(() => undefined);
  } catch (e) {
    await op.finish('failed', `could not recreate ${w.name}: ${(e as Error).message}`);
    if ((e as BerthError).kind === 'forbidden') {
      await writeAudit(b.db, {
        actor: 'berth',
        actorKind: 'system',
        action: 'stack.health.recreate',
        hostId: w.hostId,
        target: `${w.stack}/${w.name}`,
        result: 'denied',
        error: (e as Error).message,
        details: { service: w.service, oldId: id },
      }).catch(() => undefined);
    }
  }
}
