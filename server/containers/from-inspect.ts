import type Docker from 'dockerode';
import { type Launch, SENSITIVE_LABEL } from '@/lib/schemas/launch';
import { formatBytesExact, formatDuration } from '@/lib/schemas/launch-text';
import { isSensitive } from '../auth/sensitive';
import { MANAGED_LABEL } from '../docker/volumes';
import { extendedFromInspect } from './from-inspect-extended';
import type { DaemonDefaults, FromInspectMode, ImageDefaults } from './inspect-defaults';

export type { DaemonDefaults, FromInspectMode, ImageDefaults } from './inspect-defaults';

const asList = (v: string[] | string | null | undefined): string[] => (!v ? [] : Array.isArray(v) ? v : [v]);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * The reverse of toCreateOptions: an existing container as launch input, for "Duplicate" and "Edit & recreate".
 * Settings the container only has because its image has them (PATH, image labels, the default command) are left out,
 * so a duplicate follows its image the way the original did and the form shows only what was chosen.
 * Duplicate clears the name and starts anonymous volumes fresh; recreate reuses the old anonymous volumes by name.
 * Settings the form does not show travel in `advanced` (see from-inspect-extended.ts), so nothing is dropped.
 */
export function launchFromInspect(
  c: Docker.ContainerInspectInfo,
  image: ImageDefaults | null,
  mode: FromInspectMode,
  daemon: DaemonDefaults | null = null,
): Launch {
  const cfg = c.Config;
  const hc = c.HostConfig ?? {};
  const img = image ?? {};
  const imageEnv = new Set(img.Env ?? []);
  const imageLabels = img.Labels ?? {};
  const labels = Object.entries(cfg.Labels ?? {}).filter(([k, v]) => k !== MANAGED_LABEL && k !== SENSITIVE_LABEL && imageLabels[k] !== v);
  const shortId = c.Id.slice(0, 12);
  const restart = (hc.RestartPolicy?.Name || 'no') as Launch['restart'];
  const hcCheck = cfg.Healthcheck;
  const healthcheck =
    hcCheck?.Test?.length && hcCheck.Test[0] !== 'NONE' && !same(hcCheck, img.Healthcheck)
      ? {
          command: hcCheck.Test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', hcCheck.Test.slice(1).join(' ')] : hcCheck.Test.slice(1),
          interval: hcCheck.Interval ? formatDuration(hcCheck.Interval) : '',
          timeout: hcCheck.Timeout ? formatDuration(hcCheck.Timeout) : '',
          startPeriod: hcCheck.StartPeriod ? formatDuration(hcCheck.StartPeriod) : '',
          retries: hcCheck.Retries ? String(hcCheck.Retries) : '',
        }
      : null;
  return {
    image: cfg.Image,
    pullIfMissing: true,
    name: mode === 'duplicate' ? '' : c.Name.replace(/^\//, ''),
    command: same(cfg.Cmd, img.Cmd) ? [] : asList(cfg.Cmd),
    entrypoint: same(asList(cfg.Entrypoint), asList(img.Entrypoint)) ? [] : asList(cfg.Entrypoint),
    workingDir: cfg.WorkingDir && cfg.WorkingDir !== img.WorkingDir ? cfg.WorkingDir : '',
    user: cfg.User && cfg.User !== img.User ? cfg.User : '',
    hostname: cfg.Hostname && cfg.Hostname !== shortId ? cfg.Hostname : '',
    env: (cfg.Env ?? [])
      .filter((e) => !imageEnv.has(e))
      .map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? { key: e, value: '' } : { key: e.slice(0, i), value: e.slice(i + 1) };
      }),
    labels: labels.map(([key, value]) => ({ key, value })),
    ports: portsOf(hc.PortBindings as Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined),
    volumes: volumesOf(c.Mounts ?? [], mode),
    networks: networksOf(c, shortId),
    restart,
    maxRetries: restart === 'on-failure' && hc.RestartPolicy?.MaximumRetryCount ? String(hc.RestartPolicy.MaximumRetryCount) : '',
    memory: hc.Memory ? formatBytesExact(hc.Memory) : '',
    cpus: hc.NanoCpus ? String(hc.NanoCpus / 1e9) : '',
    healthcheck,
    tty: Boolean(cfg.Tty),
    openStdin: Boolean(cfg.OpenStdin),
    privileged: Boolean(hc.Privileged),
    capAdd: hc.CapAdd ?? [],
    capDrop: hc.CapDrop ?? [],
    sensitive: isSensitive(cfg.Labels),
    ...extendedFromInspect(c, mode, daemon, image),
  };
}

function portsOf(bindings: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined): Launch['ports'] {
  const out: Launch['ports'] = [];
  for (const [spec, list] of Object.entries(bindings ?? {})) {
    const [port, proto = 'tcp'] = spec.split('/');
    for (const b of list?.length ? list : [{}]) {
      out.push({ hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '', containerPort: port, protocol: proto as 'tcp' | 'udp' | 'sctp' });
    }
  }
  return out.sort((a, b) => Number(a.containerPort) - Number(b.containerPort));
}

function volumesOf(ms: Docker.ContainerInspectInfo['Mounts'], mode: FromInspectMode): Launch['volumes'] {
  const out: Launch['volumes'] = [];
  for (const m of ms) {
    const readOnly = m.RW === false;
    if (m.Type === 'bind') out.push({ type: 'bind', source: m.Source, target: m.Destination, readOnly });
    else if (m.Type === 'volume' && m.Name && ANONYMOUS.test(m.Name)) {
      out.push({ type: 'anonymous', source: mode === 'recreate' ? m.Name : '', target: m.Destination, readOnly });
    } else if (m.Type === 'volume' && m.Name) out.push({ type: 'volume', source: m.Name, target: m.Destination, readOnly });
  }
  return out.sort((a, b) => a.target.localeCompare(b.target));
}

/** The Engine adds the short id (and the hostname) as aliases on user-defined networks; those are not the user's. */
function networksOf(c: Docker.ContainerInspectInfo, shortId: string): Launch['networks'] {
  const mode = c.HostConfig?.NetworkMode ?? 'default';
  const attached = Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
    name,
    aliases: (n.Aliases ?? []).filter((a: string) => a !== shortId && a !== c.Id && a !== c.Config?.Hostname),
  }));
  // The network the container was created on goes first, since it is the one given at create.
  attached.sort((a, b) => Number(b.name === mode) - Number(a.name === mode) || a.name.localeCompare(b.name));
  if (attached.length === 1 && (attached[0].name === 'bridge' || mode === 'default') && !attached[0].aliases.length) return [];
  if (!attached.length && mode !== 'default' && mode !== 'bridge') return [{ name: mode, aliases: [] }];
  return attached;
}
