import path from 'node:path';
import type Docker from 'dockerode';
import { DOCKER_DEFAULT_CAPS } from './capabilities';
import { unreviewedFields } from './policy-fields';

/**
 * What a non-admin may ask the Engine for, as pure functions of the final create options (after the launch form,
 * compose file or catalog template has been turned into them), so every path that creates a container is judged the
 * same way, whatever syntax the user wrote. Settings that name another container (namespace joins, volumes_from)
 * are listed here and judged against that container in policy-effective.ts, which is what the enforce functions use.
 */
export interface ContainerPolicy {
  /** capabilities an operator may add (re-adding one of Docker's defaults is harmless) */
  allowedCapabilities: string[];
  /** host paths (and everything under them) an operator may bind-mount */
  allowedBindPaths: string[];
  /** volume drivers besides `local` an operator may use (BERTH_POLICY_VOLUME_DRIVERS) */
  allowedVolumeDrivers: string[];
  /** filesystem types a local volume's driver_opts may mount, e.g. nfs (BERTH_POLICY_VOLUME_TYPES) */
  allowedVolumeTypes: string[];
}

export { DOCKER_DEFAULT_CAPS };

export const DEFAULT_POLICY: ContainerPolicy = {
  allowedCapabilities: DOCKER_DEFAULT_CAPS,
  allowedBindPaths: [],
  allowedVolumeDrivers: [],
  allowedVolumeTypes: [],
};

/** Namespace settings: `host` shares the host's, `container:<id|name>` shares another container's. */
export const NAMESPACES: [keyof Docker.HostConfig | 'CgroupnsMode' | 'Cgroup', string][] = [
  ['NetworkMode', 'network_mode'],
  ['PidMode', 'pid'],
  ['IpcMode', 'ipc'],
  ['UTSMode', 'uts'],
  ['UsernsMode', 'userns_mode'],
  ['CgroupnsMode', 'cgroupns'],
  ['Cgroup', 'cgroup'],
];

const SOCKET_NAMES = ['docker.sock', 'containerd.sock', 'dockershim.sock', 'podman.sock', 'crio.sock'];

/**
 * `create`: options Berth is about to send, where a field outside the reviewed lists is refused. `inspect`: a running
 * container's settings as the Engine reports them (with fields the daemon fills in itself), for the terminal's check.
 */
export type JudgeMode = 'create' | 'inspect';

type MoreHostConfig = Docker.HostConfig & {
  CgroupnsMode?: string;
  Cgroup?: string;
  CgroupParent?: string;
  Runtime?: string;
  OomScoreAdj?: number;
  OomKillDisable?: boolean;
  VolumeDriver?: string;
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
  Annotations?: Record<string, string> | null;
};

/** Every setting in `opts` an operator may not use, each as a sentence naming it; empty when the config is allowed. */
export function containerViolations(opts: Docker.ContainerCreateOptions, policy: ContainerPolicy, mode: JudgeMode = 'create'): string[] {
  const hc = (opts.HostConfig ?? {}) as MoreHostConfig;
  const out: string[] = [];
  if (hc.Privileged) out.push('privileged: true gives the container full control of the host');
  for (const [key, name] of NAMESPACES) {
    if (hc[key as keyof MoreHostConfig] === 'host') out.push(`${name}: host shares the host's ${name.replace(/_mode$/, '')} namespace`);
  }
  for (const net of Object.keys(opts.NetworkingConfig?.EndpointsConfig ?? {})) {
    if (net === 'host') out.push("networks: host shares the host's network namespace");
  }
  if ((hc.Devices ?? []).length)
    out.push(`devices: ${(hc.Devices ?? []).map((d: Docker.DeviceMapping) => d.PathOnHost).join(', ')} (host devices are not allowed)`);
  if ((hc.DeviceCgroupRules ?? []).length) out.push('device_cgroup_rules are not allowed');
  if ((hc.DeviceRequests ?? []).length) out.push('device requests (GPUs) are not allowed');
  const allowedCaps = new Set(policy.allowedCapabilities.map(normCap));
  const extraCaps = (hc.CapAdd ?? []).map((c: string) => normCap(c)).filter((c: string) => c === 'ALL' || !allowedCaps.has(c));
  if (extraCaps.length) out.push(`cap_add: ${extraCaps.join(', ')} (allowed: ${[...allowedCaps].join(', ') || 'none'})`);
  for (const opt of hc.SecurityOpt ?? []) {
    const why = securityOptProblem(opt);
    if (why) out.push(why);
  }
  if (hc.CgroupParent) out.push(`cgroup_parent: ${hc.CgroupParent} places the container outside Docker's own cgroup, where its limits may not apply`);
  if (hc.Runtime && hc.Runtime !== 'runc') out.push(`runtime: ${hc.Runtime} (only the default runtime, runc, is allowed)`);
  if ((hc.OomScoreAdj ?? 0) < 0) out.push(`oom_score_adj: ${hc.OomScoreAdj} makes the kernel kill the host's other processes first when memory runs out`);
  if (hc.OomKillDisable) out.push("oom_kill_disable: true lets the container exhaust the host's memory");
  if (hc.VolumeDriver && hc.VolumeDriver !== 'local' && !policy.allowedVolumeDrivers.includes(hc.VolumeDriver))
    out.push(driverProblem('volume_driver', hc.VolumeDriver, policy));
  if (hc.Annotations && Object.keys(hc.Annotations).length)
    out.push('annotations are passed to the container runtime, which may act on them; only an admin may set them');
  if (mode === 'create') {
    // the daemon fills these in; a value given by hand can only unmask what it hides
    if (hc.MaskedPaths) out.push("masked_paths: only the daemon's defaults are allowed (a custom list can unmask /proc and /sys)");
    if (hc.ReadonlyPaths) out.push("readonly_paths: only the daemon's defaults are allowed (a custom list can make /proc and /sys writable)");
    for (const field of unreviewedFields(opts as Record<string, unknown>))
      out.push(`${field} is a setting Berth's policy has not reviewed; only an admin may set it`);
  } else if (!hc.Privileged && Array.isArray(hc.MaskedPaths) && hc.MaskedPaths.length === 0) {
    out.push("systempaths: unconfined (the kernel's /proc and /sys paths are not masked)");
  }
  for (const bind of hostBinds(opts)) out.push(...bindViolations(bind, policy, 'bind mount'));
  return out;
}

/**
 * Only Docker's default seccomp and AppArmor profiles: a profile given as a name, a path or inline JSON can allow any
 * system call. no-new-privileges only takes power away; an SELinux MCS level only narrows the label.
 */
export function securityOptProblem(opt: string): string | null {
  const o = opt.trim();
  if (/^no-new-privileges([:=](true|false))?$/i.test(o)) return null;
  if (/^label[:=]level:/i.test(o)) return null;
  const shown = o.length > 60 ? `${o.slice(0, 57)}...` : o;
  if (/^(seccomp|apparmor|systempaths)[=:]unconfined$/i.test(o) || /^label[=:]disable$/i.test(o)) return `security_opt: ${shown} turns off a kernel protection`;
  if (/^seccomp[=:]/i.test(o)) return `security_opt: ${shown} replaces Docker's default seccomp profile (only the default is allowed)`;
  if (/^apparmor[=:]/i.test(o)) return `security_opt: ${shown} replaces Docker's default AppArmor profile (only the default is allowed)`;
  return `security_opt: ${shown} is not allowed (only no-new-privileges and label=level:… may be set)`;
}

export type VolumeOptions = { Name?: string; Driver?: string; DriverOpts?: Record<string, string> | null };

/**
 * A volume is a mount of whatever its driver mounts: a local volume with `o: bind` or `type: none` binds a host path,
 * with a `type` it mounts a filesystem (a disk given as `device: /dev/vda1`, or nfs, cifs…), and another driver can
 * do anything its plugin does. Non-admins get plain local volumes, plus what the BERTH_POLICY_* settings allow.
 */
export function volumeViolations(opts: VolumeOptions, policy: ContainerPolicy): string[] {
  const what = `volume ${opts.Name ?? ''}`.trim();
  const driver = opts.Driver || 'local';
  if (driver !== 'local') return policy.allowedVolumeDrivers.includes(driver) ? [] : [driverProblem(`${what} driver`, driver, policy)];
  const o = opts.DriverOpts ?? {};
  const device = boundDevice(driver, o);
  if (device) return bindViolations(device, policy, `${what} driver_opts device`);
  const out: string[] = [];
  if (o.type && !policy.allowedVolumeTypes.includes(o.type)) {
    const allowed = policy.allowedVolumeTypes.length ? policy.allowedVolumeTypes.join(', ') : 'none are configured';
    out.push(`${what} driver_opts type: ${o.type} mounts a filesystem on the host (allowed types, BERTH_POLICY_VOLUME_TYPES: ${allowed})`);
  }
  // a network filesystem's device is a remote address (":/export", "//server/share"); a path is a disk on the host
  if (o.device && o.device.startsWith('/')) out.push(...bindViolations(o.device, policy, `${what} driver_opts device`));
  else if (o.device && !o.type) out.push(`${what} driver_opts device: ${o.device} without a type is not allowed`);
  return out;
}

function driverProblem(what: string, driver: string, policy: ContainerPolicy): string {
  const allowed = policy.allowedVolumeDrivers.length ? policy.allowedVolumeDrivers.join(', ') : 'none are configured';
  return `${what}: ${driver} is a volume plugin that can mount anything on the host (allowed drivers besides local, BERTH_POLICY_VOLUME_DRIVERS: ${allowed})`;
}

/** The host path a local-driver volume binds, if it does. */
export function boundDevice(driver: string | undefined, driverOpts: Record<string, string> | null | undefined): string | null {
  if (driver && driver !== 'local') return null;
  const o = driverOpts ?? {};
  const isBind =
    (o.o ?? '')
      .split(',')
      .map((s) => s.trim())
      .includes('bind') || o.type === 'none';
  return isBind && o.device ? o.device : null;
}

export function bindViolations(source: string, policy: ContainerPolicy, what: string): string[] {
  const p = path.posix.resolve('/', source);
  if (SOCKET_NAMES.includes(path.posix.basename(p))) return [`${what} of ${source} exposes the container runtime's socket (root on the host)`];
  if (policy.allowedBindPaths.some((a) => isUnder(p, path.posix.resolve('/', a)))) return [];
  const allowed = policy.allowedBindPaths.length ? policy.allowedBindPaths.join(', ') : 'none are configured';
  return [`${what} of host path ${source} is outside the allowed host paths (${allowed})`];
}

const isUnder = (p: string, dir: string) => dir === '/' || p === dir || p.startsWith(dir + '/');
const normCap = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

/** Host paths that `opts` bind-mounts, from both the `Binds` strings and `Mounts` entries. */
export function hostBinds(opts: Docker.ContainerCreateOptions): string[] {
  const hc = opts.HostConfig ?? {};
  const out: string[] = [];
  for (const b of hc.Binds ?? []) {
    const source = b.split(':')[0];
    if (source.startsWith('/')) out.push(source);
  }
  for (const m of hc.Mounts ?? []) if (m.Type === 'bind' && m.Source) out.push(m.Source);
  return out;
}

/** Named volumes `opts` mounts, with any driver options given inline (Mounts' VolumeOptions). */
export function namedVolumes(opts: Docker.ContainerCreateOptions): { name: string; driver?: string; driverOpts?: Record<string, string> }[] {
  const hc = opts.HostConfig ?? {};
  const out: { name: string; driver?: string; driverOpts?: Record<string, string> }[] = [];
  for (const b of hc.Binds ?? []) {
    const source = b.split(':')[0];
    if (source && !source.startsWith('/') && b.includes(':')) out.push({ name: source });
  }
  for (const m of hc.Mounts ?? []) {
    if (m.Type !== 'volume' || !m.Source) continue;
    const dc = m.VolumeOptions?.DriverConfig;
    out.push({ name: m.Source, driver: dc?.Name, driverOpts: dc?.Options });
  }
  return out;
}

/** A setting that names another container, whose powers a join or volumes_from would hand over. */
export interface ContainerReference {
  /** how the user wrote it, e.g. "pid: container:db" */
  what: string;
  ref: string;
  /** a namespace join shares everything the target can do; volumes_from only copies its mounts */
  kind: 'join' | 'volumes';
}

export function containerReferences(opts: Docker.ContainerCreateOptions): ContainerReference[] {
  const hc = (opts.HostConfig ?? {}) as MoreHostConfig;
  const out: ContainerReference[] = [];
  const join = (name: string, value: unknown) => {
    if (typeof value === 'string' && value.startsWith('container:'))
      out.push({ what: `${name}: ${value}`, ref: value.slice('container:'.length), kind: 'join' });
  };
  for (const [key, name] of NAMESPACES) join(name, hc[key as keyof MoreHostConfig]);
  for (const net of Object.keys(opts.NetworkingConfig?.EndpointsConfig ?? {})) join('networks', net);
  for (const v of hc.VolumesFrom ?? []) out.push({ what: `volumes_from: ${v}`, ref: v.replace(/:(ro|rw)$/, ''), kind: 'volumes' });
  return out;
}
