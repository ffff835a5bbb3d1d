import type { ServiceChanged, ServiceCreate, ServiceFormValue, ServiceUpdate } from '@/lib/schemas/swarm-service';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import {
  createService as createEngineService,
  type EngineService,
  inspectService,
  listServices,
  listTasks,
  updateService as updateEngineService,
} from '../docker/service-calls';
import { listSwarmNodes } from '../docker/swarm';
import { conflict, invalid, isBerthError, notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { managerOf } from './environment';
import { enforceServicePolicy } from './service-policy';
import { eligibleNodes, hostPortsTakenEverywhere } from './service-ports';
import { fromServiceSpec, mergeSpec, type ServiceSpec, toServiceSpec } from './service-spec';
import { retryOutOfSequence } from './version';

/**
 * Creating and updating Swarm services from the form (issue #14 point 3). Everything that can be known before the
 * Engine is asked is checked first (the policy, the name, host ports), so a refusal leaves nothing behind; the create
 * itself is one call, and an update is one call at the version just read (retried once on a version conflict).
 */

/** The Engine's refusals of a spec, said with the service's name and host. */
function explain(e: unknown, name: string, hostName: string): unknown {
  if (!isBerthError(e) || /out of sequence/i.test(e.message)) return e;
  if (/name conflicts with an existing object|already exists/i.test(e.message))
    return conflict(`A service named ${name} already exists in the swarm of host ${hostName}: choose another name, or edit that service`);
  if (/port '?\d+'? is already in use/i.test(e.message))
    return conflict(
      `Docker on host ${hostName} refused service ${name}: ${e.message}. Choose another published port, or leave it empty for one the swarm picks`,
    );
  if (e.kind === 'invalid' || e.kind === 'not_found') return invalid(`Docker on host ${hostName} refused the settings of service ${name}: ${e.message}`);
  return e;
}

async function refuseTakenPorts(host: HostRuntime, selfNode: string, spec: ServiceSpec): Promise<void> {
  if (!(spec.EndpointSpec?.Ports ?? []).some((p) => p.PublishMode === 'host' && p.PublishedPort)) return;
  const [nodes, services, tasks] = await Promise.all([
    listSwarmNodes(host, selfNode),
    listServices<ServiceSpec>(host.engine),
    listTasks(host.engine, { 'desired-state': ['running'] }),
  ]);
  const taken = hostPortsTakenEverywhere(spec, eligibleNodes(nodes, spec), services, tasks);
  if (!taken.length) return;
  const said = taken.map((t) => `${t.port} is taken on every node it could run on (${t.holders.map((h) => `${h.node} by service ${h.service}`).join(', ')})`);
  throw conflict(
    `Service ${spec.Name} cannot publish host-mode port ${said.join('; port ')}. Choose another published port, or leave it empty for a random port on each node; nothing was created`,
  );
}

export async function createService(b: Berth, principal: Principal, hostId: string, input: ServiceCreate): Promise<ServiceChanged> {
  const { host, info } = await managerOf(b, hostId);
  const hostName = host.record.name;
  const spec = toServiceSpec(input);
  await enforceServicePolicy(b, principal, hostId, host.engine, spec);
  const same = (await listServices<ServiceSpec>(host.engine, { name: [input.name] })).filter((s) => s.Spec.Name === input.name);
  if (same.length) throw conflict(`A service named ${input.name} already exists in the swarm of host ${hostName}: choose another name, or edit that service`);
  await refuseTakenPorts(host, info.NodeID ?? '', spec);
  let id: string;
  try {
    id = await createEngineService(host.engine, spec);
  } catch (e) {
    throw explain(e, input.name, hostName);
  }
  const mode =
    input.mode === 'global' ? 'one task on every eligible node' : `${input.replicas || 1} replica${input.replicas === '1' || !input.replicas ? '' : 's'}`;
  return { ok: true, id, name: input.name, message: `Created service ${input.name} (${mode}) in the swarm of host ${hostName}`, warnings: [] };
}

async function readService(host: HostRuntime, ref: string): Promise<EngineService<ServiceSpec>> {
  try {
    return await inspectService<ServiceSpec>(host.engine, ref);
  } catch (e) {
    if (isBerthError(e) && e.kind === 'not_found')
      throw notFound(`No service "${ref}" in the swarm of host ${host.record.name}: it may have been removed (the services list shows the ones there are)`);
    throw e;
  }
}

export async function serviceFormValue(b: Berth, hostId: string, ref: string): Promise<ServiceFormValue> {
  const { host } = await managerOf(b, hostId);
  const s = await readService(host, ref);
  return {
    id: s.ID,
    name: s.Spec.Name ?? '',
    version: s.Version.Index,
    form: fromServiceSpec(s.Spec),
    updateState: s.UpdateStatus?.State ?? null,
    updateMessage: s.UpdateStatus?.Message ?? null,
  };
}

/** How the rolling update will go, in words. */
function rolloutWords(input: ServiceUpdate): string {
  const u = input.update;
  const batch = u.parallelism === '0' ? 'all at once' : `${u.parallelism || 1} at a time`;
  const onFail = { pause: 'pauses', continue: 'continues', rollback: 'rolls back by itself' }[u.failureAction];
  return `tasks are replaced ${batch} (${u.order})${u.delay ? `, ${u.delay} apart` : ''}; on failure the update ${onFail}`;
}

/** A rolling update from the form's value; the service's name and mode stay as they are (Docker cannot change them). */
export async function updateService(b: Berth, principal: Principal, hostId: string, ref: string, input: ServiceUpdate): Promise<ServiceChanged> {
  const { host } = await managerOf(b, hostId);
  const hostName = host.record.name;
  const first = await readService(host, ref);
  const name = first.Spec.Name ?? ref;
  const wasGlobal = Boolean(first.Spec.Mode?.Global);
  if (wasGlobal !== (input.mode === 'global'))
    throw invalid(
      `Service ${name} is ${wasGlobal ? 'global' : 'replicated'}: Docker cannot change a service's mode. Keep mode ${wasGlobal ? 'global' : 'replicated'}, or create a new service and remove this one`,
    );
  if (!first.Spec.Mode?.Global && !first.Spec.Mode?.Replicated) throw invalid(`Service ${name} is a job: the form updates replicated and global services only`);
  let warnings: string[] = [];
  await retryOutOfSequence(async () => {
    const s = await readService(host, first.ID);
    const spec = mergeSpec(s.Spec, name, input);
    await enforceServicePolicy(b, principal, hostId, host.engine, spec);
    try {
      warnings = await updateEngineService(host.engine, s.ID, s.Version.Index, spec);
    } catch (e) {
      throw explain(e, name, hostName);
    }
  });
  return { ok: true, id: first.ID, name, message: `Rolling update of service ${name} started: ${rolloutWords(input)}`, warnings };
}
