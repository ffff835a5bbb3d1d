import type Docker from 'dockerode';
import type { ContainerAction, ContainerActionBody } from '@/lib/schemas/containers';
import type { ContainerDetail, ContainerState, ContainerSummary, Health, PortMapping } from '@/lib/types';
import { BerthError, conflict, invalid } from '../errors';
import { readStatus } from '@/lib/human-duration';
import { CONTAINER_ACTION_PAST } from '@/lib/container-states';
import { call } from './call';
import type { HostEngine } from './connect';
import { AGENT_LABEL } from '../health/agent-script';

const LIST_TIMEOUT_MS = 15_000;
const ACTION_TIMEOUT_MS = 60_000;

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';

/**
 * Lists containers, reshaped. Never asks for `size=true`: sizes make the Engine walk every layer and turn a
 * millisecond call into seconds on a busy host.
 */
export async function listContainers({ engine, id: hostId }: HostEngine, filters?: Record<string, string[]>): Promise<ContainerSummary[]> {
  const raw = await call(
    engine,
    (abortSignal) => engine.docker.listContainers({ all: true, filters: filters ? JSON.stringify(filters) : undefined, abortSignal }),
    LIST_TIMEOUT_MS,
  );
  return raw.map((c) => toSummary(hostId, c));
}

export async function getContainerSummary(host: HostEngine, id: string): Promise<ContainerSummary | null> {
  const found = await listContainers(host, { id: [id] });
  return found.find((c) => c.id === id) ?? null;
}

export function toSummary(hostId: string, c: Docker.ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  return {
    hostId,
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command ?? '',
    state: (c.State as ContainerState) ?? 'created',
    status: c.Status ?? '',
    health: healthFromStatus(c.Status ?? ''),
    ports: dedupePorts(
      (c.Ports ?? []).map((p) => ({
        privatePort: p.PrivatePort,
        publicPort: p.PublicPort || undefined,
        ip: p.IP || undefined,
        type: (p.Type as PortMapping['type']) ?? 'tcp',
      })),
    ),
    created: c.Created,
    ...stateTimes(c.Status ?? '', c.Created),
    project: labels[COMPOSE_PROJECT] ?? null,
    service: labels[COMPOSE_SERVICE] ?? null,
    ...(labels[AGENT_LABEL] ? { berth: 'health-agent' as const } : {}),
  };
}

function stateTimes(status: string, created: number): { stateSince: number | null; exitCode: number | null } {
  const { since, exitCode } = readStatus(status, Math.floor(Date.now() / 1000));
  return { stateSince: since ?? (status === 'Created' ? created : null), exitCode };
}

/** The list endpoint only carries health inside the human status text, e.g. "Up 3 minutes (healthy)". */
export function healthFromStatus(status: string): Health {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!m) return null;
  return m[1] === 'health: starting' ? 'starting' : (m[1] as Health);
}

/** The Engine lists a published port once per address family (0.0.0.0 and ::); users want to see it once. */
function dedupePorts(ports: PortMapping[]): PortMapping[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = `${p.privatePort}/${p.type}:${p.publicPort ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function inspectContainer({ engine, id: hostId }: HostEngine, id: string): Promise<ContainerDetail> {
  let c: Docker.ContainerInspectInfo;
  try {
    c = await call(engine, (abortSignal) => engine.docker.getContainer(id).inspect({ abortSignal }), LIST_TIMEOUT_MS);
  } catch (e) {
    const err = e as BerthError;
    if (err.kind === 'not_found') throw new BerthError('not_found', `No container "${id}" on this host: it may have been removed`);
    throw err;
  }
  return toDetail(hostId, c);
}

function toDetail(hostId: string, c: Docker.ContainerInspectInfo): ContainerDetail {
  const labels = c.Config?.Labels ?? {};
  const health = c.State?.Health;
  const ports: PortMapping[] = [];
  for (const [spec, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    const [num, proto] = spec.split('/');
    const base = { privatePort: Number(num), type: (proto as PortMapping['type']) ?? 'tcp' };
    if (!bindings || bindings.length === 0) ports.push(base);
    else for (const b of bindings) ports.push({ ...base, publicPort: Number(b.HostPort) || undefined, ip: b.HostIp || undefined });
  }
  const when = (t?: string) => (t && !t.startsWith('0001-') ? t : null);
  return {
    hostId,
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config?.Image ?? '',
    imageId: c.Image,
    state: (c.State?.Status as ContainerState) ?? 'created',
    status: c.State?.Status ?? '',
    health: (health?.Status as Health) || null,
    created: c.Created,
    startedAt: when(c.State?.StartedAt),
    finishedAt: when(c.State?.FinishedAt),
    exitCode: c.State?.ExitCode ?? null,
    error: c.State?.Error || null,
    restartCount: c.RestartCount ?? 0,
    path: c.Path,
    args: c.Args ?? [],
    entrypoint: asList(c.Config?.Entrypoint),
    cmd: asList(c.Config?.Cmd),
    workingDir: c.Config?.WorkingDir ?? '',
    user: c.Config?.User ?? '',
    hostname: c.Config?.Hostname ?? '',
    tty: Boolean(c.Config?.Tty),
    env: (c.Config?.Env ?? []).map((e) => {
      const i = e.indexOf('=');
      return i < 0 ? { key: e, value: '' } : { key: e.slice(0, i), value: e.slice(i + 1) };
    }),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      source: m.Source,
      destination: m.Destination,
      name: m.Name,
      mode: m.Mode,
      rw: m.RW,
    })),
    // once per port, not once per address family, as in the list
    ports: dedupePorts(ports),
    networks: Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress,
      gateway: n.Gateway,
      macAddress: n.MacAddress,
      aliases: n.Aliases ?? [],
    })),
    labels,
    restartPolicy: {
      name: c.HostConfig?.RestartPolicy?.Name || 'no',
      maximumRetryCount: c.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    healthLog: (health?.Log ?? []).map((l) => ({ start: l.Start, end: l.End, exitCode: l.ExitCode, output: l.Output })),
    project: labels[COMPOSE_PROJECT] ?? null,
    service: labels[COMPOSE_SERVICE] ?? null,
  };
}

function asList(v: string | string[] | undefined | null): string[] {
  if (!v) return [];
  return Array.isArray(v) ? v : [v];
}

/** What each state allows, checked before asking the Engine so the refusal can say what to do instead. */
const ALLOWED: Partial<Record<ContainerAction, ContainerState[]>> = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'restarting', 'paused'],
  pause: ['running'],
  unpause: ['paused'],
  kill: ['running', 'restarting', 'paused'],
};

export async function runAction(host: HostEngine, id: string, action: ContainerAction, body: ContainerActionBody): Promise<{ ok: true; message: string }> {
  const { engine } = host;
  const detail = await inspectContainer(host, id);
  const allowed = ALLOWED[action];
  if (allowed && !allowed.includes(detail.state)) {
    throw conflict(`Cannot ${action} container ${detail.name}: it is ${detail.state} (${action} needs ${allowed.join(' or ')})`);
  }
  if (action === 'remove' && detail.state === 'running' && !body.force) {
    throw conflict(`Container ${detail.name} is running: stop it first, or remove with "force"`);
  }
  if (action === 'rename' && !body.name) throw invalid('rename needs a new name: send {"name": "new-name"}');
  const c = engine.docker.getContainer(detail.id);
  await call(
    engine,
    async (abortSignal) => {
      switch (action) {
        case 'start':
          return c.start({ abortSignal });
        case 'stop':
          return c.stop({ t: body.timeout, abortSignal });
        case 'restart':
          return c.restart({ t: body.timeout, abortSignal });
        case 'kill':
          return c.kill({ signal: body.signal, abortSignal });
        case 'pause':
          return c.pause({ abortSignal });
        case 'unpause':
          return c.unpause({ abortSignal });
        case 'rename':
          return c.rename({ name: body.name!.replace(/^\//, ''), abortSignal });
        case 'remove':
          return c.remove({ force: Boolean(body.force), v: Boolean(body.removeVolumes), abortSignal });
      }
    },
    ACTION_TIMEOUT_MS,
  );
  const past = action === 'rename' ? `renamed to ${body.name}` : CONTAINER_ACTION_PAST[action];
  return { ok: true, message: `Container ${detail.name} ${past}` };
}
