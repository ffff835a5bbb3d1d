import type { AttachInput, DetachInput, SwarmObjectCreate, SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import type { SwarmConfigDetail, SwarmObjectUse, SwarmSecret } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import { inspectService, listServices, updateService } from '../docker/service-calls';
import {
  createRawObject,
  inspectRawObject,
  listRawObjects,
  type RawFileRef,
  type RawServiceForFiles,
  type RawServiceSpec,
  type RawSwarmObject,
  removeRawObject,
} from '../docker/swarm-secrets';
import { conflict, isBerthError, notFound } from '../errors';
import type { HostRuntime } from '../live/host-runtime';
import { managerOf } from './environment';
import { retryOutOfSequence } from './version';

/**
 * Secrets and configs (issue #14 point 5) in one module: the Engine treats them alike, so does Berth. secrets.ts and
 * configs.ts bind the kind. A secret's value goes one way only, into the Engine: it is never read back (the Engine
 * does not give it), never in a response, and the request's `data` field is dropped from the audit log.
 */

const Word: Record<SwarmObjectKind, string> = { secret: 'Secret', config: 'Config' };
const listKey = (kind: SwarmObjectKind) => (kind === 'secret' ? 'Secrets' : 'Configs');
const idOf = (kind: SwarmObjectKind, r: RawFileRef) => (kind === 'secret' ? r.SecretID : r.ConfigID);

/** Where an attached file appears in the container: a secret's relative target is under /run/secrets, a config's at /. */
export function targetPath(kind: SwarmObjectKind, name: string): string {
  if (name.startsWith('/')) return name;
  return kind === 'secret' ? `/run/secrets/${name}` : `/${name}`;
}

const refsOf = (s: RawServiceForFiles, kind: SwarmObjectKind): RawFileRef[] => s.Spec.TaskTemplate?.ContainerSpec?.[listKey(kind)] ?? [];

function usesOf(kind: SwarmObjectKind, services: RawServiceForFiles[]): Map<string, SwarmObjectUse[]> {
  const uses = new Map<string, SwarmObjectUse[]>();
  for (const s of services) {
    for (const r of refsOf(s, kind)) {
      const id = idOf(kind, r);
      if (!id || !r.File) continue;
      uses.set(id, [...(uses.get(id) ?? []), { serviceId: s.ID, serviceName: s.Spec.Name ?? s.ID, target: targetPath(kind, r.File.Name) }]);
    }
  }
  return uses;
}

function toView(o: RawSwarmObject, usedBy: SwarmObjectUse[]): SwarmSecret {
  return { id: o.ID, name: o.Spec.Name, labels: o.Spec.Labels ?? {}, createdAt: o.CreatedAt ?? '', updatedAt: o.UpdatedAt ?? '', usedBy };
}

async function readObject(host: HostRuntime, kind: SwarmObjectKind, ref: string): Promise<RawSwarmObject> {
  try {
    return await inspectRawObject(host.engine, kind, ref);
  } catch (e) {
    if (isBerthError(e) && e.kind === 'not_found')
      throw notFound(`No ${kind} "${ref}" in the swarm of host ${host.record.name}: it may have been removed (the ${kind}s list shows the ones there are)`);
    throw e;
  }
}

async function readService(host: HostRuntime, ref: string): Promise<RawServiceForFiles> {
  try {
    return await inspectService<RawServiceSpec>(host.engine, ref);
  } catch (e) {
    if (isBerthError(e) && e.kind === 'not_found')
      throw notFound(`No service "${ref}" in the swarm of host ${host.record.name}: check its name in the services list`);
    throw e;
  }
}

export async function listObjects(b: Berth, hostId: string, kind: SwarmObjectKind): Promise<SwarmSecret[]> {
  const { host } = await managerOf(b, hostId);
  const [objects, services] = await Promise.all([listRawObjects(host.engine, kind), listServices<RawServiceSpec>(host.engine)]);
  const uses = usesOf(kind, services);
  return objects.map((o) => toView(o, uses.get(o.ID) ?? [])).sort((a, c) => a.name.localeCompare(c.name));
}

/** A secret's detail is its listing: no value. */
export async function getObject(b: Berth, hostId: string, kind: SwarmObjectKind, ref: string): Promise<SwarmSecret> {
  const { host } = await managerOf(b, hostId);
  const [o, services] = await Promise.all([readObject(host, kind, ref), listServices<RawServiceSpec>(host.engine)]);
  return toView(o, usesOf(kind, services).get(o.ID) ?? []);
}

/** A config's detail adds its value (configs are not secret): as text when it is UTF-8, else base64. */
export async function getConfigDetail(b: Berth, hostId: string, ref: string): Promise<SwarmConfigDetail> {
  const { host } = await managerOf(b, hostId);
  const [o, services] = await Promise.all([readObject(host, 'config', ref), listServices<RawServiceSpec>(host.engine)]);
  const view = toView(o, usesOf('config', services).get(o.ID) ?? []);
  const bytes = Buffer.from(o.Spec.Data ?? '', 'base64');
  const text = bytes.toString('utf8');
  const isText = Buffer.from(text, 'utf8').equals(bytes) && !text.includes('\0');
  return { ...view, data: isText ? text : (o.Spec.Data ?? ''), encoding: isText ? 'text' : 'base64' };
}

const exists = (kind: SwarmObjectKind, name: string, host: string) =>
  conflict(
    `A ${kind} named "${name}" already exists in the swarm of host ${host}: choose another name, or remove that one first ` +
      `(a ${kind}'s value cannot be changed: create a new one and attach it instead)`,
  );

export async function createObject(b: Berth, hostId: string, kind: SwarmObjectKind, input: SwarmObjectCreate): Promise<{ item: SwarmSecret; message: string }> {
  const { host } = await managerOf(b, hostId);
  if ((await listRawObjects(host.engine, kind)).some((o) => o.Spec.Name === input.name)) throw exists(kind, input.name, host.record.name);
  const data = input.encoding === 'base64' ? input.data : Buffer.from(input.data, 'utf8').toString('base64');
  let id: string;
  try {
    id = await createRawObject(host.engine, kind, { Name: input.name, Labels: input.labels ?? {}, Data: data });
  } catch (e) {
    // created by someone else between the check and the create
    if (isBerthError(e) && e.kind === 'conflict') throw exists(kind, input.name, host.record.name);
    throw e;
  }
  const item = toView(await readObject(host, kind, id), []);
  return { item, message: `${Word[kind]} ${input.name} created` };
}

const serviceList = (uses: SwarmObjectUse[]) => uses.map((u) => u.serviceName).join(', ');

/** Refused while a service uses it (the Engine refuses too, but without saying which services in plain words). */
export async function removeObject(b: Berth, hostId: string, kind: SwarmObjectKind, ref: string): Promise<{ ok: true; message: string }> {
  const { host } = await managerOf(b, hostId);
  const [o, services] = await Promise.all([readObject(host, kind, ref), listServices<RawServiceSpec>(host.engine)]);
  const uses = usesOf(kind, services).get(o.ID) ?? [];
  if (uses.length)
    throw conflict(
      `${Word[kind]} ${o.Spec.Name} is used by ${uses.length === 1 ? 'service' : 'services'} ${serviceList(uses)}: detach it from ${uses.length === 1 ? 'that service' : 'them'} (or remove ${uses.length === 1 ? 'it' : 'them'}) first`,
    );
  await removeRawObject(host.engine, kind, o.ID);
  return { ok: true, message: `${Word[kind]} ${o.Spec.Name} removed` };
}

/** Changes a service's list of secrets or configs at the version just read; one retry if someone updated it meanwhile. */
async function changeRefs(host: HostRuntime, kind: SwarmObjectKind, serviceRef: string, change: (refs: RawFileRef[], s: RawServiceForFiles) => RawFileRef[]) {
  return retryOutOfSequence(async () => {
    const s = await readService(host, serviceRef);
    const refs = change(refsOf(s, kind), s);
    const task = s.Spec.TaskTemplate ?? {};
    const spec = { ...s.Spec, TaskTemplate: { ...task, ContainerSpec: { ...(task.ContainerSpec ?? {}), [listKey(kind)]: refs } } };
    await updateService(host.engine, s.ID, s.Version.Index, spec);
    return s;
  });
}

/**
 * Adds the secret or config to a service's containers as a file (a service update: its tasks are replaced, as
 * `docker service update --secret-add` does). Refused if it is already there, or if another one has that file.
 */
export async function attachObject(b: Berth, hostId: string, kind: SwarmObjectKind, ref: string, input: AttachInput): Promise<{ ok: true; message: string }> {
  const { host } = await managerOf(b, hostId);
  const o = await readObject(host, kind, ref);
  const target = input.target ?? (kind === 'secret' ? o.Spec.Name : `/${o.Spec.Name}`);
  const path = targetPath(kind, target);
  const s = await changeRefs(host, kind, input.service, (refs, svc) => {
    const name = svc.Spec.Name ?? svc.ID;
    const same = refs.find((r) => idOf(kind, r) === o.ID);
    if (same) throw conflict(`${Word[kind]} ${o.Spec.Name} is already attached to service ${name} (at ${targetPath(kind, same.File?.Name ?? '')})`);
    const taken = refs.find((r) => r.File && targetPath(kind, r.File.Name) === path);
    if (taken)
      throw conflict(`Service ${name} already has ${kind} ${taken.SecretName ?? taken.ConfigName ?? ''} at ${path}: choose another target for ${o.Spec.Name}`);
    const file = { Name: target, UID: input.uid ?? '0', GID: input.gid ?? '0', Mode: parseInt(input.mode ?? '0444', 8) };
    const added: RawFileRef =
      kind === 'secret' ? { File: file, SecretID: o.ID, SecretName: o.Spec.Name } : { File: file, ConfigID: o.ID, ConfigName: o.Spec.Name };
    return [...refs, added];
  });
  return { ok: true, message: `${Word[kind]} ${o.Spec.Name} attached to service ${s.Spec.Name ?? s.ID} at ${path}; its tasks are being replaced` };
}

export async function detachObject(b: Berth, hostId: string, kind: SwarmObjectKind, ref: string, input: DetachInput): Promise<{ ok: true; message: string }> {
  const { host } = await managerOf(b, hostId);
  const o = await readObject(host, kind, ref);
  const s = await changeRefs(host, kind, input.service, (refs, svc) => {
    if (!refs.some((r) => idOf(kind, r) === o.ID))
      throw conflict(`${Word[kind]} ${o.Spec.Name} is not attached to service ${svc.Spec.Name ?? svc.ID}: nothing to detach`);
    return refs.filter((r) => idOf(kind, r) !== o.ID);
  });
  return { ok: true, message: `${Word[kind]} ${o.Spec.Name} detached from service ${s.Spec.Name ?? s.ID}; its tasks are being replaced` };
}
