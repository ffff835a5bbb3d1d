import type { SwarmStackPlanInput, SwarmStackDeployInput } from '@/lib/schemas/swarm-stacks';
import type { SwarmStackDeployResult, SwarmStackPlan } from '@/lib/swarm-stack-types';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { removeRawNetwork as removeNetwork } from '../docker/networks';
import { createService, inspectService, removeService, updateService } from '../docker/service-calls';
import { createRawObject, removeRawObject, type SwarmObjectSpec, updateRawObject } from '../docker/swarm-secrets';
import {
  createNetwork,
  listStackNetworks,
  listStackObjects,
  listStackServices,
  type ObjectKind,
  objectKind,
  type RawObject,
} from '../docker/swarm-stack-calls';
import { conflict, isBerthError, notFound } from '../errors';
import { managerOf } from './environment';
import { enforceServicePolicy } from './service-policy';
import type { ServiceSpec } from './service-spec';
import { convertOrThrow, planStack, readState } from './stack-plan';
import type { ConvertedStack, EngineServiceSpec, ObjectCreate } from './stack-spec';
import { deleteSwarmStack, findSwarmStack, saveSwarmStack } from './stack-store';

/**
 * Deploying a compose file as a Swarm stack, as `docker stack deploy --prune` does, with nothing left half-done: a
 * file with any problem is refused before the swarm is touched, and when a step fails part-way every network, secret,
 * config and service this deploy created is removed again and every service it updated is put back to its previous
 * spec. Services no longer in the file are removed only after everything else succeeded.
 */

const running = new Set<string>();

async function inputs(b: Berth, hostId: string, name: string, input: SwarmStackPlanInput) {
  const { host } = await managerOf(b, hostId);
  const stored = input.env === undefined || input.privateFiles === undefined ? await findSwarmStack(b, hostId, name) : null;
  const env = input.env ?? stored?.env ?? '';
  const files = input.privateFiles ?? stored?.files ?? {};
  return { host, env, files, converted: convertOrThrow(name, input.compose, env, files) };
}

export async function planSwarmStack(b: Berth, hostId: string, name: string, input: SwarmStackPlanInput): Promise<SwarmStackPlan> {
  const { host, converted } = await inputs(b, hostId, name, input);
  return planStack(converted, await readState(host.engine, converted), host.record.name);
}

export async function deploySwarmStack(b: Berth, principal: Principal, hostId: string, input: SwarmStackDeployInput): Promise<SwarmStackDeployResult> {
  const { host, env, files, converted } = await inputs(b, hostId, input.name, input);
  // every service as the Engine would get it, judged before anything is made
  for (const s of converted.services) await enforceServicePolicy(b, principal, hostId, host.engine, s as unknown as ServiceSpec);
  const key = `${hostId}/${input.name}`;
  if (running.has(key)) throw conflict(`Stack ${input.name} is being deployed on host ${host.record.name} already; wait for that deploy to finish`);
  running.add(key);
  try {
    const state = await readState(host.engine, converted);
    const plan = planStack(converted, state, host.record.name);
    await apply(host.engine, converted, plan, state);
    // kept before the prune: the swarm runs this file now, even if removing an old service fails
    await saveSwarmStack(b, hostId, input.name, { compose: input.compose, env, files, deployedBy: principal.name });
    for (const s of plan.services.filter((p) => p.action === 'remove')) {
      const svc = state.services.find((x) => x.Spec.Name === s.name);
      if (svc) await removeService(host.engine, svc.ID);
    }
    const count = (a: string) => plan.services.filter((s) => s.action === a).length;
    const message = `Stack ${input.name} deployed on the swarm of ${host.record.name}: ${count('create')} service(s) created, ${count('update')} updated, ${count('unchanged')} unchanged, ${count('remove')} removed`;
    return { plan, message };
  } finally {
    running.delete(key);
  }
}

async function apply(engine: Engine, c: ConvertedStack, plan: SwarmStackPlan, state: Awaited<ReturnType<typeof readState>>): Promise<void> {
  const undo: (() => Promise<void>)[] = [];
  try {
    const ids = { secrets: new Map<string, string>(), configs: new Map<string, string>() };
    for (const kind of ['secrets', 'configs'] as const) {
      for (const o of state[kind]) ids[kind].set(o.Spec.Name, o.ID);
      for (const o of c[kind]) {
        const had = state[kind].find((x) => x.Spec.Name === o.Name);
        if (had) await keepObject(engine, kind, had, o);
        else {
          const id = await createRawObject(engine, objectKind(kind), objectSpec(o));
          ids[kind].set(o.Name, id);
          undo.push(() => removeRawObject(engine, objectKind(kind), id));
        }
      }
    }
    for (const n of c.networks) {
      if (!plan.networks.includes(n.Name)) continue;
      const id = await createNetwork(engine, n);
      undo.push(() => retryInUse(() => removeNetwork(engine, id)));
    }
    for (const spec of c.services) {
      const p = plan.services.find((s) => s.name === spec.Name);
      const full = withIds(spec, ids);
      if (p?.action === 'create') {
        const id = await createService(engine, full);
        undo.push(() => removeService(engine, id));
      } else if (p?.action === 'update') {
        const had = state.services.find((s) => s.Spec.Name === spec.Name)!;
        const previous = had.Spec;
        // as the CLI: a file without replicas keeps the count the service runs (a `docker service scale` stays)
        if (full.Mode.Replicated && full.Mode.Replicated.Replicas === undefined && previous.Mode?.Replicated?.Replicas !== undefined)
          full.Mode = { Replicated: { Replicas: previous.Mode.Replicated.Replicas } };
        full.TaskTemplate.ForceUpdate = previous.TaskTemplate?.ForceUpdate;
        await updateService(engine, had.ID, had.Version.Index, full);
        undo.push(async () => {
          const now = await inspectService(engine, had.ID);
          await updateService(engine, had.ID, now.Version.Index, previous);
        });
      }
    }
  } catch (e) {
    // newest first: services before the networks, secrets and configs they use
    for (const step of undo.reverse()) await step().catch((err: Error) => console.error(`berth: undoing a failed stack deploy: ${err.message}`));
    throw e;
  }
}

const objectSpec = (o: ObjectCreate): SwarmObjectSpec => ({ Name: o.Name, Labels: o.Labels, Data: o.Data });

/** A secret or config that exists keeps its data (Swarm refuses a change); the same data with new labels is fine. */
async function keepObject(engine: Engine, kind: ObjectKind, had: RawObject, o: ObjectCreate): Promise<void> {
  try {
    await updateRawObject(engine, objectKind(kind), had.ID, had.Version.Index, objectSpec(o));
  } catch (e) {
    if (isBerthError(e) && /only updates to Labels are allowed/i.test(e.message))
      throw conflict(
        `${kind === 'secrets' ? 'Secret' : 'Config'} ${o.Name} exists with other data, and Swarm never changes a ${kind.slice(0, -1)}'s data: give the new one another name (name: ${o.Name}_v2 in the file) and deploy again`,
      );
    throw e;
  }
}

function withIds(spec: EngineServiceSpec, ids: { secrets: Map<string, string>; configs: Map<string, string> }): EngineServiceSpec {
  const copy = structuredClone(spec);
  const cs = copy.TaskTemplate.ContainerSpec;
  for (const s of cs.Secrets ?? []) s.SecretID = ids.secrets.get(s.SecretName) ?? '';
  for (const s of cs.Configs ?? []) s.ConfigID = ids.configs.get(s.ConfigName) ?? '';
  return copy;
}

/**
 * A network (or secret) is refused while the tasks of just-removed services still stop: seconds, or a stop grace period
 * (10 s by default) for a process that ignores SIGTERM, plus the swarm's own lag.
 */
async function retryInUse(fn: () => Promise<void>, tries = 45): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (isBerthError(e) && e.kind === 'not_found') return;
      if (i >= tries || !/in use|active endpoints/i.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Removes what the stack's label marks (as `docker stack rm`): services, then secrets, configs and networks. */
export async function removeSwarmStack(b: Berth, hostId: string, name: string): Promise<{ ok: true; message: string }> {
  const { host } = await managerOf(b, hostId);
  const e = host.engine;
  const [services, networks, secrets, configs, stored] = await Promise.all([
    listStackServices(e, name),
    listStackNetworks(e, name),
    listStackObjects(e, 'secrets', { stack: name }),
    listStackObjects(e, 'configs', { stack: name }),
    findSwarmStack(b, hostId, name),
  ]);
  if (!services.length && !networks.length && !secrets.length && !configs.length && !stored)
    throw notFound(`No Swarm stack named ${name} on host ${host.record.name} (nothing there carries its label)`);
  for (const s of services) await removeService(e, s.ID);
  for (const s of secrets) await retryInUse(() => removeRawObject(e, 'secret', s.ID));
  for (const c of configs) await retryInUse(() => removeRawObject(e, 'config', c.ID));
  for (const n of networks) await retryInUse(() => removeNetwork(e, n.Id));
  await deleteSwarmStack(b, hostId, name);
  return {
    ok: true,
    message: `Removed stack ${name} from the swarm of ${host.record.name}: ${services.length} service(s), ${networks.length} network(s), ${secrets.length} secret(s), ${configs.length} config(s)`,
  };
}
