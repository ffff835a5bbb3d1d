import type Docker from 'dockerode';
import type { ContainerHealth } from '@/lib/health-types';
import type { DependsCondition } from '../compose/model';
import { L } from '../compose/labels';

/**
 * The evidence the diagnosis rules read, gathered once per request (gather.ts) and kept plain data, so the rules are
 * pure functions tested on captured Engine states, and alerts can later evaluate the same rules on the same shape.
 */
export interface ContainerEvidence {
  id: string;
  name: string;
  /** the image as the container was created with it (a reference), and whether that reference is still on the host */
  image: string;
  imagePresent: boolean | null;
  status: string;
  running: boolean;
  restarting: boolean;
  paused: boolean;
  dead: boolean;
  oomKilled: boolean;
  exitCode: number;
  /** the Engine's State.Error: why the last start failed ("port is already allocated", "executable file not found") */
  error: string;
  startedAt: string | null;
  finishedAt: string | null;
  restartCount: number;
  restartPolicy: { name: string; maxRetries: number };
  /** bytes; 0 when unlimited */
  memoryLimit: number;
  /** the Engine's healthcheck: null when the container has none */
  health: { status: string; failingStreak: number; log: { exitCode: number; output: string; end: string }[] } | null;
  mounts: { type: string; source: string; destination: string; name?: string }[];
  /** named volumes the container mounts that the host no longer has */
  missingVolumes: string[];
  /** other containers publishing the host port named in `error`, when it names one */
  portHolders: { port: number; container: string }[];
  /** the last log lines; null when hidden (sensitive) or unreadable */
  logs: string[] | null;
  /** Berth's external check (x-berth-healthcheck), when the container has one */
  external: Pick<ContainerHealth, 'state' | 'lastError' | 'since'> | null;
  labels: Record<string, string>;
}

export interface ServiceEvidence {
  name: string;
  /** replicas the stored file wants; null when unknown (external stacks) */
  replicas: number | null;
  dependsOn: Record<string, DependsCondition>;
  containers: ContainerEvidence[];
}

export interface StackEvidence {
  name: string;
  services: ServiceEvidence[];
  /** the latest operation when it did not succeed (failed or interrupted) */
  lastFailed: {
    kind: string;
    status: string;
    error: string | null;
    finishedAt: string | null;
    /** what the operation last said of each service it did not finish (failed or skipped) */
    services: { service: string; state: string; message: string }[];
  } | null;
}

const when = (t?: string) => (t && !t.startsWith('0001-') ? t : null);

/** The inspect fields the rules read, reshaped; the rest of the evidence is filled by the gatherer. */
export function fromInspect(c: Docker.ContainerInspectInfo): ContainerEvidence {
  const s = c.State;
  const h = s.Health as { Status: string; FailingStreak: number; Log?: { ExitCode: number; Output: string; End: string }[] } | undefined;
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config?.Image ?? c.Image,
    imagePresent: null,
    status: s.Status,
    running: s.Running,
    restarting: s.Restarting,
    paused: s.Paused,
    dead: s.Dead,
    oomKilled: s.OOMKilled,
    exitCode: s.ExitCode,
    error: s.Error ?? '',
    startedAt: when(s.StartedAt),
    finishedAt: when(s.FinishedAt),
    restartCount: c.RestartCount ?? 0,
    restartPolicy: { name: c.HostConfig?.RestartPolicy?.Name || 'no', maxRetries: c.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0 },
    memoryLimit: c.HostConfig?.Memory ?? 0,
    health: h
      ? { status: h.Status, failingStreak: h.FailingStreak ?? 0, log: (h.Log ?? []).map((l) => ({ exitCode: l.ExitCode, output: l.Output ?? '', end: l.End })) }
      : null,
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type ?? 'bind', source: m.Source, destination: m.Destination, ...(m.Name ? { name: m.Name } : {}) })),
    missingVolumes: [],
    portHolders: [],
    logs: null,
    external: null,
    labels: c.Config?.Labels ?? {},
  };
}

/** The host port a start error names ("Bind for 0.0.0.0:8080 failed", "listen tcp4 0.0.0.0:8080: bind"), if any. */
export function conflictPort(error: string): number | null {
  const m = /(?:Bind for|listen tcp[46]?|listen udp[46]?) \[?[0-9a-fA-F.:]*?\]?:(\d+)/.exec(error);
  return m ? Number(m[1]) : null;
}

/** Compose v2's depends_on label, "db:service_healthy:false,cache:service_started:false". */
export function dependsOnFromLabel(label: string | undefined): Record<string, DependsCondition> {
  const out: Record<string, DependsCondition> = {};
  for (const part of (label ?? '').split(',')) {
    const [service, condition] = part.split(':');
    if (!service) continue;
    out[service] = (
      ['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition) ? condition : 'service_started'
    ) as DependsCondition;
  }
  return out;
}

export const serviceOf = (e: Pick<ContainerEvidence, 'labels'>) => e.labels[L.service] ?? '';

/** Not running, restarting, or unhealthy by the Engine's check or by Berth's own. */
export function isUnhealthy(e: ContainerEvidence): boolean {
  return !e.running || e.restarting || e.paused || e.dead || e.health?.status === 'unhealthy' || e.external?.state === 'unhealthy';
}
