import type { Berth } from '../berth';
import { isSensitive } from '../auth/sensitive';
import { NO_FOLDER } from '../compose/env-files';
import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import type { DependsCondition } from '../compose/model';
import { loadComposeOffThread } from '../compose/validate-pool';
import type { Engine } from '../docker/connect';
import { inspectRawContainer, rawContainers } from '../docker/container-calls';
import { imageIdOf } from '../docker/images';
import { tailLines } from '../docker/log-tail';
import { rawVolumes } from '../docker/volumes';
import { BerthError, notFound } from '../errors';
import { allHealth } from '../health/memory';
import { listOperations } from '../stacks/operations';
import { findStack } from '../stacks/repo';
import { type ContainerEvidence, conflictPort, dependsOnFromLabel, fromInspect, isUnhealthy, type ServiceEvidence, type StackEvidence } from './evidence';

/**
 * Gathers the evidence the rules read, once per request, through server/docker's bounded calls. Each extra read
 * (logs, image, volumes, port holders) is made only when a rule could use it, and a read that fails leaves its
 * part empty rather than failing the diagnosis: a diagnosis is wanted most when things are broken.
 */
export const LOG_LINES = 20;

export interface GatherOptions {
  /** the caller may read a sensitive container's logs (operator or admin on the host) */
  canSeeSecrets: boolean;
  /** read the last log lines of healthy containers too (a single container's panel does; a stack only for the broken) */
  logsOfHealthy?: boolean;
}

async function inspectOrNotFound(engine: Engine, cid: string) {
  try {
    return await inspectRawContainer(engine, cid);
  } catch (e) {
    if ((e as BerthError).kind === 'not_found') throw new BerthError('not_found', `No container "${cid}" on this host: it may have been removed`);
    throw e;
  }
}

export async function gatherContainer(b: Berth, hostId: string, cid: string, o: GatherOptions): Promise<ContainerEvidence> {
  const engine = b.fleet.reachable(hostId).engine;
  const raw = await inspectOrNotFound(engine, cid);
  const e = fromInspect(raw);
  const ext = allHealth(b, (h) => h === hostId).find((h) => h.containerId === e.id);
  if (ext) e.external = { state: ext.state, lastError: ext.lastError, since: ext.since };
  const wantLogs = (o.logsOfHealthy || isUnhealthy(e)) && (!isSensitive(e.labels) || o.canSeeSecrets);
  const port = conflictPort(e.error);
  const volumes = e.mounts.filter((m) => m.type === 'volume' && m.name).map((m) => m.name!);
  const [logs, image, missing, holders] = await Promise.all([
    wantLogs ? tailLines(engine, e.id, Boolean(raw.Config?.Tty), LOG_LINES).catch(() => null) : null,
    imageIdOf(engine, e.image).then(
      (id) => id !== null,
      () => null,
    ),
    volumes.length
      ? rawVolumes(engine).then(
          (all) => volumes.filter((v) => !all.some((x) => x.Name === v)),
          () => [],
        )
      : [],
    port
      ? rawContainers(engine, undefined, { all: false }).then(
          (list) =>
            list
              .filter((c) => c.Id !== e.id && (c.Ports ?? []).some((p) => p.PublicPort === port))
              .map((c) => ({ port, container: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '') })),
          () => [],
        )
      : [],
  ]);
  return { ...e, logs, imagePresent: image, missingVolumes: missing, portHolders: holders };
}

/** How many containers of a stack are inspected at once. */
const PARALLEL = 4;

export async function gatherStack(b: Berth, hostId: string, name: string, o: GatherOptions): Promise<StackEvidence> {
  const engine = b.fleet.reachable(hostId).engine;
  const [rec, listed] = await Promise.all([findStack(b.db, b.box, hostId, name), projectContainers(engine, name)]);
  if (!rec && !listed.length) throw notFound(`No stack "${name}" on this host`);
  const wanted = new Map<string, { replicas: number; dependsOn: Record<string, DependsCondition> }>();
  if (rec) {
    const r = await loadComposeOffThread(b, { compose: rec.compose, env: rec.env, project: name, folder: { ...NO_FOLDER, missingOk: true } });
    if (r.ok) for (const s of Object.values(r.model.services)) wanted.set(s.name, { replicas: s.replicas, dependsOn: s.dependsOn });
  }
  const evidence: ContainerEvidence[] = [];
  for (let i = 0; i < listed.length; i += PARALLEL) {
    const batch = listed.slice(i, i + PARALLEL);
    const got = await Promise.all(
      batch.map((c) =>
        gatherContainer(b, hostId, c.Id, { canSeeSecrets: o.canSeeSecrets }).catch((e) => {
          // removed between the list and the inspect: it is no longer part of the picture
          if ((e as BerthError).kind === 'not_found') return null;
          throw e;
        }),
      ),
    );
    evidence.push(...got.filter((x): x is ContainerEvidence => x !== null));
  }
  const names = [...new Set([...wanted.keys(), ...listed.map((c) => c.Labels?.[L.service] ?? '?')])];
  const services: ServiceEvidence[] = names.map((svc) => {
    const mine = evidence.filter((c) => c.labels[L.service] === svc).sort((a, c) => Number(a.labels[L.number]) - Number(c.labels[L.number]));
    return {
      name: svc,
      replicas: wanted.get(svc)?.replicas ?? null,
      dependsOn: wanted.get(svc)?.dependsOn ?? dependsOnFromLabel(mine[0]?.labels[L.dependsOn]),
      containers: mine,
    };
  });
  const [last] = rec ? await listOperations(b, hostId, name, 1) : [];
  const lastFailed =
    last && (last.status === 'failed' || last.status === 'interrupted')
      ? {
          kind: last.kind,
          status: last.status,
          error: last.error,
          finishedAt: last.finishedAt,
          services: last.services
            .filter((p) => p.state === 'failed' || p.state === 'skipped')
            .map(({ service, state, message }) => ({ service, state, message })),
        }
      : null;
  return { name, services, lastFailed };
}
