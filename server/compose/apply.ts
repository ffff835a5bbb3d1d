import type { PlannedContainer, StackPlan } from '@/lib/compose-types';
import type { Engine } from '../docker/connect';
import { createRawNetwork, removeRawNetwork } from '../docker/networks';
import { createRawVolume, removeRawVolume } from '../docker/volumes';
import { BerthError } from '../errors';
import {
  createReplica,
  limiter,
  removeContainer,
  type Replacement,
  replaceReplica,
  staleTask,
  startContainer,
  stopContainer,
  waitForCondition,
} from './apply-steps';
import { networkOptions, volumeOptions } from './create-options';
import type { ComposeModel } from './model';
import { type CurrentState, startOrder } from './plan';

/** Where a deploy reports progress (an Operation in server/stacks; a plain collector in tests). */
export interface ProgressSink {
  step(service: string, state: 'pending' | 'waiting' | 'working' | 'done' | 'failed' | 'skipped', message: string): void;
  note(message: string): void;
}

export interface ApplyOptions {
  engine: Engine;
  project: string;
  model: ComposeModel;
  plan: StackPlan;
  current: CurrentState;
  progress: ProgressSink;
  /**
   * Container jobs (create+start, recreate, stop+remove) at once across the whole stack, and at once within one
   * service. Measured on a 2-core daemon (bench P7): independent services deploy fastest side by side, but each
   * replica of one service started alongside others starts slower (p95 start 1.6× idle with 2 at once, 2.6× with 3,
   * 2.9–3.6× with 4, 6× with 8) while the whole scale-up gains little: the daemon is CPU-bound. So services run up to
   * 8 at once and a service's own replicas 3 at a time (deployTuning in server/stacks/service.ts).
   */
  parallelism?: number;
  serviceParallelism?: number;
  /** how long to wait for one depends_on condition */
  conditionTimeoutMs?: number;
  /** a short id for names of containers set aside during recreate */
  tag: string;
  /** scale: run only this service; the others (and its dependencies, already deployed) are not touched or waited on */
  onlyService?: string;
  /** builds a service's image (server/compose/build-run.ts); called for every planned service with `build` */
  build?: (service: string, progress: { step(message: string): void; note(message: string): void }) => Promise<void>;
}

/**
 * Runs a plan: networks and volumes first, then every service as soon as the services it depends on meet their
 * conditions, at most `parallelism` Engine calls at once. Removals (scaled down, services gone) happen only after
 * everything else succeeded. On any failure, what this attempt created is removed and every replaced container is
 * put back, so the previous version keeps running; then the first error is thrown.
 */
export async function applyPlan(o: ApplyOptions): Promise<void> {
  const { engine, project, model, plan, progress } = o;
  const stackRun = limiter(o.parallelism ?? 8);
  const serviceRuns = new Map<string, ReturnType<typeof limiter>>();
  /** a job of one service: waits for a slot of its service, then for one of the stack */
  const run = <T>(service: string, job: () => Promise<T>): Promise<T> => {
    let mine = serviceRuns.get(service);
    if (!mine) serviceRuns.set(service, (mine = limiter(o.serviceParallelism ?? 3)));
    return mine(() => stackRun(job));
  };
  const timeout = o.conditionTimeoutMs ?? 300_000;
  const ctx = { engine, project, model };
  const created = { containers: [] as string[], networks: [] as string[], volumes: [] as string[] };
  const replaced: Replacement[] = [];
  const stateOf = new Map(o.current.containers.map((c) => [c.id, c.state]));

  try {
    // Builds first, one at a time (a build keeps a small host busy): a failing build then changes nothing at all.
    for (const s of plan.services.filter((x) => x.build)) {
      if (!o.build) throw new BerthError('invalid', `${s.name} needs its image ${s.image} built, which this action cannot do; deploy the stack instead`);
      progress.step(s.name, 'working', `building image ${s.image} (${s.build!.reason})`);
      try {
        await o.build(s.name, { step: (m) => progress.step(s.name, 'working', m), note: (m) => progress.note(m) });
      } catch (e) {
        progress.step(s.name, 'failed', (e as Error).message);
        throw e;
      }
      progress.step(s.name, 'working', `built image ${s.image}`);
    }
    for (const n of plan.networks.filter((x) => x.action === 'create')) {
      const opts = networkOptions(project, model, n.key).create;
      created.networks.push(await createRawNetwork(engine, opts));
      progress.note(`created network ${n.name}`);
    }
    for (const v of plan.volumes.filter((x) => x.action === 'create')) {
      await createRawVolume(engine, volumeOptions(project, model, v.key));
      created.volumes.push(v.name);
      progress.note(`created volume ${v.name}`);
    }

    const ids = new Map<string, string[]>();
    const tasks = new Map<string, Promise<void>>();
    const runService = async (name: string): Promise<void> => {
      const svc = model.services[name];
      const planned = plan.services.find((s) => s.name === name)!;
      for (const [dep, condition] of o.onlyService ? [] : Object.entries(svc.dependsOn)) {
        progress.step(name, 'waiting', `waiting for ${dep} (${condition.replace('service_', '').replace(/_/g, ' ')})`);
        try {
          await tasks.get(dep);
        } catch (e) {
          throw new DependencyFailed(`not started because ${dep} failed`, e as Error);
        }
        try {
          await waitForCondition(engine, dep, ids.get(dep) ?? [], condition, timeout);
        } catch (e) {
          // a lost host is not the dependency's fault: it keeps its state and the operation's error names the host
          if ((e as BerthError).kind !== 'unreachable') progress.step(dep, 'failed', (e as Error).message);
          throw new DependencyFailed(`not started: ${(e as Error).message}`, e as Error);
        }
      }
      progress.step(name, 'working', describe(planned.containers));
      const mine: string[] = [];
      await Promise.all(
        planned.containers.map(async (c) => {
          if (c.action === 'remove') return;
          if (c.action === 'keep') {
            const id = c.containerId!;
            try {
              if (stateOf.get(id) !== 'running') await run(name, () => startContainer(engine, id));
              mine.push(id);
            } catch (e) {
              if (!staleTask(e)) throw e;
              // an earlier start of it died with its daemon: make it anew, as the planner does for one left in Created
              const r = await run(name, () => replaceReplica(ctx, svc, c.number, id, c.name, o.tag));
              replaced.push(r);
              mine.push(r.newId);
              progress.step(name, 'working', `recreated ${c.name} (its start failed: ${(e as Error).message})`);
            }
            return;
          }
          if (c.action === 'create') {
            // create and start as one job: with many replicas queued, a container's start must not wait behind
            // every other replica's create (that made one container's start 10× slower during a scale to 20)
            const id = await run(name, async () => {
              const newId = await createReplica(ctx, svc, c.number);
              created.containers.push(newId);
              await startContainer(engine, newId);
              return newId;
            });
            mine.push(id);
            progress.step(name, 'working', `started ${c.name}`);
            return;
          }
          const r = await run(name, () => replaceReplica(ctx, svc, c.number, c.containerId!, c.name, o.tag));
          replaced.push(r);
          mine.push(r.newId);
          progress.step(name, 'working', `recreated ${c.name} (${c.reasons.join(', ')})`);
        }),
      );
      ids.set(name, mine);
      progress.step(name, 'done', summary(planned.containers));
    };
    for (const name of o.onlyService ? [o.onlyService] : startOrder(model)) {
      const t = runService(name);
      t.catch((e) => progress.step(name, e instanceof DependencyFailed ? 'skipped' : 'failed', (e as Error).message));
      tasks.set(name, t);
    }
    const results = await Promise.allSettled(tasks.values());
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw rootCause(failed.reason as Error);

    for (const r of replaced) await r.commit();
    const leaving = [...plan.services.flatMap((s) => s.containers), ...plan.orphans].filter((c) => c.action === 'remove');
    await Promise.all(
      leaving.map((c) =>
        run(c.service, async () => {
          await stopContainer(engine, c.containerId!);
          await removeContainer(engine, c.containerId!);
          progress.step(c.service, 'done', `removed ${c.name} (${c.reasons.join(', ')})`);
        }),
      ),
    );
  } catch (e) {
    progress.note(`failed: ${(e as Error).message}; undoing this attempt`);
    await undo(engine, created, replaced, progress);
    throw (e as BerthError).kind === 'unreachable' ? hostLost(engine, e as Error) : e;
  }
}

/**
 * The daemon went away mid-deploy: the undo above could not reach it either. Nothing of the previous version was
 * removed (replaced containers are only renamed aside until commit), and the next deploy removes what is left.
 */
const hostLost = (engine: Engine, e: Error) =>
  new BerthError(
    'unreachable',
    `The Docker host ${engine.target} could not be reached during the deploy (${e.message}). The previous version's containers were not removed; once the host is back, deploy again: that removes what this attempt left behind.`,
  );

/** A service not started because a dependency failed or never met its condition; `cause` is the real failure. */
class DependencyFailed extends Error {
  constructor(
    message: string,
    readonly root: Error,
  ) {
    super(message);
  }
}
const rootCause = (e: Error): Error => (e instanceof DependencyFailed ? rootCause(e.root) : e);

async function undo(
  engine: Engine,
  created: { containers: string[]; networks: string[]; volumes: string[] },
  replaced: Replacement[],
  progress: ProgressSink,
): Promise<void> {
  await Promise.all(created.containers.map((id) => removeContainer(engine, id).catch(() => undefined)));
  for (const r of replaced) await r.undo().catch(() => undefined);
  for (const id of created.networks) await removeRawNetwork(engine, id).catch(() => undefined);
  for (const name of created.volumes) await removeRawVolume(engine, name).catch(() => undefined);
  progress.note(
    `removed ${created.containers.length} new container(s), ${created.networks.length} network(s), ${created.volumes.length} volume(s); ${replaced.length} replaced container(s) restored`,
  );
}

const describe = (cs: PlannedContainer[]) => {
  const n = (a: string) => cs.filter((c) => c.action === a).length;
  return [n('create') && `creating ${n('create')}`, n('recreate') && `recreating ${n('recreate')}`].filter(Boolean).join(', ') || 'checking';
};
const summary = (cs: PlannedContainer[]) => {
  const n = (a: string) => cs.filter((c) => c.action === a).length;
  const parts = [
    n('create') && `${n('create')} created`,
    n('recreate') && `${n('recreate')} recreated`,
    n('keep') && `${n('keep')} unchanged`,
    n('remove') && `${n('remove')} to remove`,
  ];
  return parts.filter(Boolean).join(', ') || 'nothing to do';
};
