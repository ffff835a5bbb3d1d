import type Docker from 'dockerode';
import { parseDocument } from 'yaml';
import type { StackDetail, StackServiceState, StackState, StackSummary } from '@/lib/compose-types';
import { hostProjects, projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import { NO_FOLDER } from '../compose/env-files';
import { loadComposeOffThread } from '../compose/validate-pool';
import type { Berth } from '../berth';
import { getStackTemplate } from '../catalog/repo';
import { listOperations } from './operations';
import { findStack, getStackRecord, listStackRecords, type StackRecord } from './repo';

/**
 * Lists, the stack page and export need service names, images and replica counts, which no env_file changes, so they
 * load without reading the stack's folder archive, and a file of the folder is not required here.
 */
const VIEW_FOLDER = { ...NO_FOLDER, missingOk: true };

function stateOf(containers: Docker.ContainerInfo[], deployed: boolean): StackState {
  if (!containers.length) return deployed ? 'empty' : 'not deployed';
  const running = containers.filter((c) => c.State === 'running').length;
  return running === containers.length ? 'running' : running === 0 ? 'stopped' : 'partial';
}

async function summary(
  b: Berth,
  hostId: string,
  name: string,
  source: StackSummary['source'],
  containers: Docker.ContainerInfo[],
  rec: StackRecord | null,
): Promise<StackSummary> {
  const fromFile = rec ? await fileServices(b, rec) : [];
  const services = [...new Set([...fromFile, ...containers.map((c) => c.Labels?.[L.service] ?? '?')])];
  return {
    hostId,
    name,
    source,
    state: stateOf(containers, rec?.deployedVersion != null),
    running: containers.filter((c) => c.State === 'running').length,
    total: containers.length,
    services,
    deployedVersion: rec?.deployedVersion ?? null,
    updatedAt: rec?.updatedAt ?? null,
  };
}

async function fileServices(b: Berth, rec: StackRecord): Promise<string[]> {
  const r = await loadComposeOffThread(b, { compose: rec.compose, env: rec.env, folder: VIEW_FOLDER });
  return r.ok ? Object.keys(r.model.services) : [];
}

/** Berth's stacks on a host, and every other compose project found there by its labels (source "external"). */
export async function listStacks(b: Berth, hostId: string): Promise<StackSummary[]> {
  const engine = b.fleet.reachable(hostId).engine;
  const [records, projects] = await Promise.all([listStackRecords(b.db, b.box, hostId), hostProjects(engine)]);
  const byName = new Map(projects.map((p) => [p.name, p.containers]));
  const known = new Set(records.map((r) => r.name));
  const out = await Promise.all([
    ...records.map((r) => summary(b, hostId, r.name, 'berth', byName.get(r.name) ?? [], r)),
    ...projects.filter((p) => !known.has(p.name)).map((p) => summary(b, hostId, p.name, 'external', p.containers, null)),
  ]);
  return out.sort((a, b2) => a.name.localeCompare(b2.name));
}

export function serviceStates(containers: Docker.ContainerInfo[], wanted: Record<string, { image: string; replicas: number }>): StackServiceState[] {
  const names = [...new Set([...Object.keys(wanted), ...containers.map((c) => c.Labels?.[L.service] ?? '?')])];
  return names.map((name) => {
    const mine = containers.filter((c) => c.Labels?.[L.service] === name).sort((a, c) => Number(a.Labels[L.number]) - Number(c.Labels[L.number]));
    return {
      name,
      image: wanted[name]?.image ?? mine[0]?.Image ?? '',
      replicas: wanted[name]?.replicas ?? null,
      containers: mine.map((c) => ({
        id: c.Id,
        name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
        number: Number(c.Labels?.[L.number] ?? 0),
        state: c.State,
        health: /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1] ?? 'none',
        // the Engine lists a published port once per address family (0.0.0.0 and ::): show it once
        ports: [...new Set((c.Ports ?? []).filter((p) => p.PublicPort).map((p) => `${p.PublicPort}→${p.PrivatePort}/${p.Type}`))],
      })),
    };
  });
}

export async function getStackDetail(b: Berth, hostId: string, name: string): Promise<StackDetail> {
  const found = await findStack(b.db, b.box, hostId, name);
  const containers = await projectContainers(b.fleet.reachable(hostId).engine, name);
  // A compose project started outside Berth is shown read-only from its containers' labels until it is adopted;
  // Berth has no file for it, so there is nothing to edit, plan or deploy yet.
  if (!found && containers.length) {
    return {
      ...(await summary(b, hostId, name, 'external', containers, null)),
      compose: '',
      hasEnv: false,
      serviceStates: serviceStates(containers, {}),
      operations: [],
    };
  }
  const rec = found ?? (await getStackRecord(b.db, b.box, hostId, name));
  const r = await loadComposeOffThread(b, { compose: rec.compose, env: rec.env, project: name, folder: VIEW_FOLDER });
  const wanted = r.ok ? Object.fromEntries(Object.values(r.model.services).map((s) => [s.name, { image: s.image, replicas: s.replicas }])) : {};
  const launched = await getStackTemplate(b.db, rec.id);
  return {
    ...(await summary(b, hostId, name, 'berth', containers, rec)),
    compose: rec.compose,
    hasEnv: rec.env.length > 0,
    serviceStates: serviceStates(containers, wanted),
    operations: await listOperations(b, hostId, name, 10),
    ...(launched ? { template: { templateId: launched.templateId, version: launched.version, answers: launched.answers } } : {}),
  };
}

/**
 * The stack as compose YAML: the stored file with each service's replica count set to what runs on the host (so a
 * scale done in Berth is in the export); healthchecks and everything else are as stored.
 */
export async function exportStack(b: Berth, hostId: string, name: string): Promise<string> {
  const rec = await getStackRecord(b.db, b.box, hostId, name);
  const r = await loadComposeOffThread(b, { compose: rec.compose, env: rec.env, folder: VIEW_FOLDER });
  if (!r.ok) return rec.compose;
  const containers = await projectContainers(b.fleet.reachable(hostId).engine, name);
  const doc = parseDocument(rec.compose);
  for (const s of Object.values(r.model.services)) {
    const n = containers.filter((c) => c.Labels?.[L.service] === s.name).length;
    const count = n || s.replicas;
    if (count === s.replicas) continue;
    const base = r.model.legacy ? [s.name] : ['services', s.name];
    doc.setIn([...base, 'deploy', 'replicas'], count);
  }
  return doc.toString();
}
