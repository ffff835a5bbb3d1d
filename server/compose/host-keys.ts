import type Docker from 'dockerode';
import { z } from 'zod';
import type { Report } from './report';
import { parseBytes } from './units';

/**
 * The service keys that change how the Engine isolates a container (namespaces, privileges, devices, kernel knobs).
 * They are mapped to HostConfig exactly as docker-compose maps them; whether a user may use them is not decided here
 * but by the container policy (server/auth/container-policy.ts), which judges the create options they produce.
 */
export const HOST_KEYS = [
  'privileged',
  'network_mode',
  'pid',
  'ipc',
  'userns_mode',
  'uts',
  'devices',
  'security_opt',
  'read_only',
  'tmpfs',
  'dns',
  'sysctls',
  'ulimits',
  'init',
  'shm_size',
];

const stringOrList = z.union([z.string(), z.array(z.string())]);
const ulimit = z.union([z.number().int(), z.object({ soft: z.number().int(), hard: z.number().int() })]);

/** Spread into ServiceSchema: the value shapes of HOST_KEYS. */
export const hostKeyShapes = {
  privileged: z.boolean().optional(),
  network_mode: z.string().optional(),
  pid: z.string().nullable().optional(),
  ipc: z.string().optional(),
  userns_mode: z.string().optional(),
  uts: z.string().optional(),
  devices: z.array(z.union([z.string(), z.object({ source: z.string(), target: z.string().optional(), permissions: z.string().optional() })])).optional(),
  security_opt: z.array(z.string()).optional(),
  read_only: z.boolean().optional(),
  tmpfs: stringOrList.optional(),
  dns: stringOrList.optional(),
  sysctls: z.union([z.array(z.string()), z.record(z.string(), z.union([z.string(), z.number()]))]).optional(),
  ulimits: z.record(z.string(), ulimit).optional(),
  init: z.boolean().optional(),
  shm_size: z.union([z.string(), z.number()]).optional(),
};
type RawHost = { [K in keyof typeof hostKeyShapes]?: z.infer<(typeof hostKeyShapes)[K]> };

/** A namespace mode: Engine spelling, or `service:<name>` to be resolved to that service's first container. */
export type NamespaceMode = { kind: 'plain'; value: string } | { kind: 'service'; service: string };

/** Only the keys a file sets are present, so a file without any of them hashes as it did before they existed. */
export interface HostSpec {
  privileged?: boolean;
  networkMode?: NamespaceMode;
  pid?: NamespaceMode;
  ipc?: NamespaceMode;
  usernsMode?: string;
  uts?: string;
  devices?: { pathOnHost: string; pathInContainer: string; permissions: string }[];
  securityOpt?: string[];
  readOnly?: boolean;
  tmpfs?: Record<string, string>;
  dns?: string[];
  sysctls?: Record<string, string>;
  ulimits?: { name: string; soft: number; hard: number }[];
  init?: boolean;
  shmSize?: number;
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

function mode(v: string | null | undefined, key: string, report: Report, at: (string | number)[], allowed: RegExp): NamespaceMode | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v.startsWith('service:')) {
    const service = v.slice('service:'.length);
    if (!service) report(at, `${key} "${v}" names no service`);
    return { kind: 'service', service };
  }
  if (!allowed.test(v)) report(at, `${key} "${v}" is not one of the modes the Engine knows`);
  return { kind: 'plain', value: v };
}

/** The raw keys of one service → HostSpec (undefined when the service uses none of them). */
export function normalizeHost(s: RawHost, report: Report, base: (string | number)[]): HostSpec | undefined {
  const h: HostSpec = {};
  if (s.privileged !== undefined) h.privileged = s.privileged;
  h.networkMode = mode(
    s.network_mode,
    'network_mode',
    report,
    [...base, 'network_mode'],
    /^(host|none|bridge|default|container:.+|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/,
  );
  h.pid = mode(s.pid, 'pid', report, [...base, 'pid'], /^(host|container:.+)$/);
  h.ipc = mode(s.ipc, 'ipc', report, [...base, 'ipc'], /^(host|none|private|shareable|container:.+)$/);
  if (s.userns_mode) h.usernsMode = s.userns_mode;
  if (s.uts) h.uts = s.uts;
  if (s.devices) {
    h.devices = s.devices.flatMap((d, i) => {
      const [src, dst, perm] = typeof d === 'string' ? d.split(':') : [d.source, d.target, d.permissions];
      // "/dev/x:rwm" (permissions without a container path) is valid short syntax too
      const [target, permissions] = dst && /^[rwm]+$/.test(dst) && perm === undefined ? [src, dst] : [dst || src, perm || 'rwm'];
      if (!src?.startsWith('/') || !target.startsWith('/') || !/^[rwm]+$/.test(permissions)) {
        report([...base, 'devices', i], `device "${typeof d === 'string' ? d : d.source}" is not /host/path[:/container/path[:rwm]]`);
        return [];
      }
      return [{ pathOnHost: src, pathInContainer: target, permissions }];
    });
  }
  if (s.security_opt) h.securityOpt = s.security_opt;
  if (s.read_only !== undefined) h.readOnly = s.read_only;
  if (s.tmpfs !== undefined) {
    h.tmpfs = {};
    for (const t of list(s.tmpfs)!) {
      const i = t.indexOf(':');
      const [path, opts] = i < 0 ? [t, ''] : [t.slice(0, i), t.slice(i + 1)];
      if (!path.startsWith('/')) report([...base, 'tmpfs'], `tmpfs "${t}" must start with an absolute container path`);
      h.tmpfs[path] = opts;
    }
  }
  if (s.dns !== undefined) h.dns = list(s.dns);
  if (s.sysctls !== undefined) {
    h.sysctls = {};
    if (Array.isArray(s.sysctls)) {
      for (const kv of s.sysctls) {
        const i = kv.indexOf('=');
        if (i < 0) report([...base, 'sysctls'], `sysctl "${kv}" is not name=value`);
        else h.sysctls[kv.slice(0, i)] = kv.slice(i + 1);
      }
    } else for (const [k, v] of Object.entries(s.sysctls)) h.sysctls[k] = String(v);
  }
  if (s.ulimits) {
    h.ulimits = Object.entries(s.ulimits).map(([name, v]) => (typeof v === 'number' ? { name, soft: v, hard: v } : { name, soft: v.soft, hard: v.hard }));
    for (const u of h.ulimits)
      if (u.soft > u.hard) report([...base, 'ulimits', u.name], `ulimit ${u.name}: soft limit ${u.soft} is above the hard limit ${u.hard}`);
  }
  if (s.init !== undefined) h.init = s.init;
  if (s.shm_size !== undefined) {
    const b = parseBytes(s.shm_size);
    if (b === null) report([...base, 'shm_size'], `shm_size "${s.shm_size}" is not a size like 64m or 1g`);
    else h.shmSize = b;
  }
  for (const k of Object.keys(h) as (keyof HostSpec)[]) if (h[k] === undefined) delete h[k];
  return Object.keys(h).length ? h : undefined;
}

/** Services whose containers this one joins (`service:` modes): they start first, as compose orders them. */
export function namespaceServices(h: HostSpec | undefined): string[] {
  return [h?.networkMode, h?.pid, h?.ipc].flatMap((m) => (m?.kind === 'service' ? [m.service] : []));
}

/**
 * HostSpec → HostConfig fields. `containerOf` names the container a `service:<name>` mode joins (the service's first
 * replica, `<project>-<service>-1`, as compose picks it).
 */
export function hostConfigOf(h: HostSpec | undefined, containerOf: (service: string) => string): Docker.HostConfig {
  if (!h) return {};
  const ns = (m: NamespaceMode | undefined) => (m === undefined ? undefined : m.kind === 'service' ? `container:${containerOf(m.service)}` : m.value);
  const hc: Docker.HostConfig = {
    Privileged: h.privileged,
    NetworkMode: ns(h.networkMode),
    PidMode: ns(h.pid),
    IpcMode: ns(h.ipc),
    UsernsMode: h.usernsMode,
    UTSMode: h.uts,
    Devices: h.devices?.map((d) => ({ PathOnHost: d.pathOnHost, PathInContainer: d.pathInContainer, CgroupPermissions: d.permissions })),
    SecurityOpt: h.securityOpt,
    ReadonlyRootfs: h.readOnly,
    Tmpfs: h.tmpfs,
    Dns: h.dns,
    Sysctls: h.sysctls,
    Ulimits: h.ulimits?.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
    Init: h.init,
    ShmSize: h.shmSize,
  };
  for (const k of Object.keys(hc) as (keyof Docker.HostConfig)[]) if (hc[k] === undefined) delete hc[k];
  return hc;
}
