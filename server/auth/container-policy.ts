import path from 'node:path';
import type Docker from 'dockerode';
import type { Berth } from '../context';
import { BerthError } from '../errors';
import { reachableRuntime } from '../images/service';
import { DOCKER_DEFAULT_CAPS } from './capabilities';
import type { Principal } from './policy';

/**
 * What a non-admin may ask the Engine for. The checks run on the normalized create options that would reach the Engine
 * (after the launch form, compose file or catalog template has been turned into them), so every path that creates a
 * container is judged the same way, whatever syntax the user wrote.
 */
export interface ContainerPolicy {
  /** capabilities an operator may add (re-adding one of Docker's defaults is harmless) */
  allowedCapabilities: string[];
  /** host paths (and everything under them) an operator may bind-mount */
  allowedBindPaths: string[];
}

export { DOCKER_DEFAULT_CAPS };

export const DEFAULT_POLICY: ContainerPolicy = { allowedCapabilities: DOCKER_DEFAULT_CAPS, allowedBindPaths: [] };

const NAMESPACES: [keyof Docker.HostConfig, string][] = [
  ['NetworkMode', 'network_mode'],
  ['PidMode', 'pid'],
  ['IpcMode', 'ipc'],
  ['UTSMode', 'uts'],
  ['UsernsMode', 'userns_mode'],
];

const SOCKET_NAMES = ['docker.sock', 'containerd.sock', 'dockershim.sock'];

/** Every setting in `opts` an operator may not use, each as a sentence naming it; empty when the config is allowed. */
export function containerViolations(opts: Docker.ContainerCreateOptions, policy: ContainerPolicy): string[] {
  const hc = opts.HostConfig ?? {};
  const out: string[] = [];
  if (hc.Privileged) out.push('privileged: true gives the container full control of the host');
  for (const [key, name] of NAMESPACES) {
    if (hc[key] === 'host') out.push(`${name}: host shares the host's ${name.replace(/_mode$/, '')} namespace`);
  }
  if ((hc.Devices ?? []).length) out.push(`devices: ${(hc.Devices ?? []).map((d: Docker.DeviceMapping) => d.PathOnHost).join(', ')} (host devices are not allowed)`);
  if ((hc.DeviceCgroupRules ?? []).length) out.push('device_cgroup_rules are not allowed');
  if ((hc.DeviceRequests ?? []).length) out.push('device requests (GPUs) are not allowed');
  const allowedCaps = new Set(policy.allowedCapabilities.map(normCap));
  const extraCaps = (hc.CapAdd ?? []).map((c: string) => normCap(c)).filter((c: string) => c === 'ALL' || !allowedCaps.has(c));
  if (extraCaps.length) out.push(`cap_add: ${extraCaps.join(', ')} (allowed: ${[...allowedCaps].join(', ') || 'none'})`);
  for (const opt of hc.SecurityOpt ?? []) {
    if (/^(seccomp|apparmor)[=:]unconfined$/i.test(opt) || /^label[=:]disable$/i.test(opt) || /^systempaths[=:]unconfined$/i.test(opt)) {
      out.push(`security_opt: ${opt} turns off a kernel protection`);
    }
  }
  // settings the launch form's "kept as is" passthrough can carry from a container made elsewhere
  const more = hc as { CgroupnsMode?: string; CgroupParent?: string; Runtime?: string; OomScoreAdj?: number; OomKillDisable?: boolean };
  if (more.CgroupnsMode === 'host') out.push("cgroupns: host shares the host's cgroup namespace");
  if (more.CgroupParent) out.push(`cgroup_parent: ${more.CgroupParent} places the container outside Docker's own cgroup, where its limits may not apply`);
  if (more.Runtime && more.Runtime !== 'runc') out.push(`runtime: ${more.Runtime} (only the default runtime, runc, is allowed)`);
  if ((more.OomScoreAdj ?? 0) < 0) out.push(`oom_score_adj: ${more.OomScoreAdj} makes the kernel kill the host's other processes first when memory runs out`);
  if (more.OomKillDisable) out.push("oom_kill_disable: true lets the container exhaust the host's memory");
  for (const bind of hostBinds(opts)) out.push(...bindViolations(bind, policy, 'bind mount'));
  return out;
}

/** Volume create options that bind a host path (`driver_opts: {o: bind, device: /}`) are bind mounts in disguise. */
export function volumeViolations(opts: { Name?: string; Driver?: string; DriverOpts?: Record<string, string> }, policy: ContainerPolicy): string[] {
  const device = boundDevice(opts.Driver, opts.DriverOpts);
  return device ? bindViolations(device, policy, `volume ${opts.Name ?? ''} driver_opts device`.replace('  ', ' ')) : [];
}

/** The host path a local-driver volume binds, if it does. */
export function boundDevice(driver: string | undefined, driverOpts: Record<string, string> | undefined): string | null {
  if (driver && driver !== 'local') return null;
  const o = driverOpts ?? {};
  const isBind = (o.o ?? '').split(',').map((s) => s.trim()).includes('bind') || o.type === 'none';
  return isBind && o.device ? o.device : null;
}

function bindViolations(source: string, policy: ContainerPolicy, what: string): string[] {
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

export function policyOf(b: Berth): ContainerPolicy {
  return b.config.policy;
}

function refuse(violations: string[]): never {
  throw new BerthError('forbidden', `Only an admin may create this; change or remove: ${violations.join('; ')}`, { violations });
}

/**
 * Throws a 403 listing every offending setting unless the principal is admin on the host. Named volumes that already
 * exist are inspected, since a volume created earlier with bind driver options would otherwise slip through.
 */
export async function enforceContainerPolicy(b: Berth, principal: Principal, hostId: string, opts: Docker.ContainerCreateOptions): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const policy = policyOf(b);
  const violations = containerViolations(opts, policy);
  for (const v of namedVolumes(opts)) {
    let driver = v.driver;
    let driverOpts = v.driverOpts;
    if (!driverOpts) {
      const existing = await reachableRuntime(b, hostId).engine.docker.getVolume(v.name).inspect().catch(() => null);
      driver = existing?.Driver;
      driverOpts = (existing?.Options ?? undefined) as Record<string, string> | undefined;
    }
    violations.push(...volumeViolations({ Name: v.name, Driver: driver, DriverOpts: driverOpts }, policy));
  }
  if (violations.length) refuse(violations);
}

export async function enforceVolumePolicy(b: Berth, principal: Principal, hostId: string, opts: { Name?: string; Driver?: string; DriverOpts?: Record<string, string> }): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const violations = volumeViolations(opts, policyOf(b));
  if (violations.length) refuse(violations);
}

/**
 * A shell inside a container has that container's powers. An operator may not create a privileged, host-namespace or
 * host-bind container, so they may not open a shell in one either (one made by an admin, outside Berth, or Berth's own
 * health agent): it would hand them the host. Judged on the running container's own settings.
 */
export async function enforceExecPolicy(b: Berth, principal: Principal, hostId: string, containerId: string): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const info = await reachableRuntime(b, hostId).engine.docker.getContainer(containerId).inspect().catch(() => null);
  // a container that cannot be inspected cannot be exec'd into either; the session reports why
  if (!info) return;
  // cgroupns is left out: Docker reports `host` for every container on a cgroup v1 machine, and without extra
  // capabilities the cgroup tree inside is read-only anyway
  const { CgroupnsMode: _cgroupns, ...hostConfig } = info.HostConfig as Docker.HostConfig & { CgroupnsMode?: string };
  const violations = containerViolations({ HostConfig: hostConfig }, policyOf(b));
  if (violations.length) throw new BerthError('forbidden', `Only an admin may open a shell in this container: it runs with ${violations.join('; ')}`, { violations });
}
