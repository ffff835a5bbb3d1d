import type Docker from 'dockerode';
import { createViolations, type Judge, engineLookup, policyOf } from '../auth/policy-effective';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { BerthError } from '../errors';
import type { ContainerSpec, EngineMount, ServiceSpec } from './service-spec';

/**
 * The operator container policy (server/auth/container-policy.ts) judged on a Swarm service: each task is a container
 * the Engine creates on some node, so a service may ask for nothing a non-admin could not ask of `docker run`. The
 * spec is turned into the create options a task would get (mounts, capabilities, privileges as security options,
 * sysctls, networks as endpoints, published ports as port bindings) and judged by the container policy's own
 * functions, so both paths share one set of rules. Service fields with no container counterpart are sorted into
 * reviewed lists like policy-fields.ts: judged here, or harmless with the reason; any other field set is refused.
 */

/** ServiceSpec fields outside TaskTemplate and their reasons. */
const HARMLESS_SPEC: Record<string, string> = {
  Name: "the service's name",
  Labels: 'metadata',
  Mode: 'how many tasks run',
  UpdateConfig: 'how tasks are replaced',
  RollbackConfig: 'how tasks are replaced',
  EndpointSpec: 'published ports, judged as the port bindings of each task',
  Networks: 'judged as networks below',
  TaskTemplate: 'judged field by field',
};

const HARMLESS_TASK: Record<string, string> = {
  ContainerSpec: 'judged as create options',
  Resources: 'limits and reservations; GenericResources (devices) are judged',
  RestartPolicy: 'when the swarm restarts tasks',
  Placement: 'which nodes tasks may run on',
  Networks: 'judged as networks',
  LogDriver: "the daemon's own log drivers, as LogConfig",
  ForceUpdate: 'a counter that forces a rolling update',
};

/** ContainerSpec fields mapped onto create options (judged there) or harmless, with the reason. */
const MAPPED_CONTAINER = new Set([
  'Image',
  'Command',
  'Args',
  'Env',
  'Dir',
  'User',
  'Hostname',
  'Labels',
  'Mounts',
  'HealthCheck',
  // the same field as the Engine spells it in what it answers (a spec read back for an update)
  'Healthcheck',
  'CapabilityAdd',
  'CapabilityDrop',
  'Sysctls',
  'Privileges',
  'Init',
  'ReadOnly',
  'TTY',
  'OpenStdin',
  'StopSignal',
  'StopGracePeriod',
  'Hosts',
  'DNSConfig',
  'Groups',
  'Ulimits',
  'OomScoreAdj',
  'Isolation',
]);

const isSet = (v: unknown) =>
  !(
    v === undefined ||
    v === null ||
    v === '' ||
    v === false ||
    v === 0 ||
    (Array.isArray(v) && !v.length) ||
    (typeof v === 'object' && !Object.keys(v as object).length)
  );

/** Fields of the spec on none of the lists, and what no operator may set on a service. */
function serviceOnlyViolations(spec: ServiceSpec): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec))
    if (!(k in HARMLESS_SPEC) && isSet(v)) out.push(`${k} is a service setting Berth's policy has not reviewed; only an admin may set it`);
  const t = (spec.TaskTemplate ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(t)) {
    if (k === 'Runtime') {
      if (v !== 'container' && isSet(v))
        out.push(`TaskTemplate.Runtime: ${String(v)} (plugin and attachment tasks install or reach host software; only an admin may use them)`);
    } else if (!(k in HARMLESS_TASK) && isSet(v)) out.push(`TaskTemplate.${k} is a service setting Berth's policy has not reviewed; only an admin may set it`);
  }
  const c = (spec.TaskTemplate?.ContainerSpec ?? {}) as ContainerSpec;
  for (const [k, v] of Object.entries(c)) {
    if (k === 'Secrets' || k === 'Configs') {
      if (isSet(v))
        out.push(
          `${k.toLowerCase()}: a swarm ${k === 'Secrets' ? 'secret' : 'config'} is readable by whatever the service runs; only an admin may hand one to a service`,
        );
    } else if (!MAPPED_CONTAINER.has(k) && isSet(v))
      out.push(`ContainerSpec.${k} is a service setting Berth's policy has not reviewed; only an admin may set it`);
  }
  const generic = [spec.TaskTemplate?.Resources?.Reservations, spec.TaskTemplate?.Resources?.Limits].some((r) =>
    isSet((r as { GenericResources?: unknown })?.GenericResources),
  );
  if (generic) out.push('generic resources (devices such as GPUs) are not allowed');
  const p = c.Privileges as Record<string, unknown> | undefined;
  for (const k of Object.keys(p ?? {}))
    if (!['Seccomp', 'AppArmor', 'NoNewPrivileges', 'SELinuxContext', 'CredentialSpec'].includes(k) && isSet(p![k]))
      out.push(`privileges.${k} has not been reviewed; only an admin may set it`);
  for (const m of c.Mounts ?? [])
    if (!['bind', 'volume', 'tmpfs'].includes(m.Type ?? '')) out.push(`mount type ${m.Type} (only volume, bind and tmpfs mounts are allowed)`);
  return out;
}

/** Privileges as the security options `docker run` would take for them, for securityOptProblem to judge. */
function securityOptsOf(p: ContainerSpec['Privileges']): string[] {
  const out: string[] = [];
  if (!p) return out;
  const seccomp = p.Seccomp?.Mode;
  if (seccomp === 'unconfined') out.push('seccomp=unconfined');
  else if (seccomp === 'custom') out.push('seccomp=custom profile');
  if (p.AppArmor?.Mode === 'disabled') out.push('apparmor=unconfined');
  if (p.NoNewPrivileges) out.push('no-new-privileges');
  const se = p.SELinuxContext as { Disable?: boolean; User?: string; Role?: string; Type?: string; Level?: string } | undefined;
  if (se?.Disable) out.push('label=disable');
  for (const k of ['User', 'Role', 'Type'] as const) if (se?.[k]) out.push(`label=${k.toLowerCase()}:${se[k]}`);
  if (se?.Level) out.push(`label=level:${se.Level}`);
  return out;
}

const toMount = (m: EngineMount): Docker.MountSettings =>
  ({
    Type: m.Type as Docker.MountType,
    Source: m.Source ?? '',
    Target: m.Target ?? '',
    ReadOnly: m.ReadOnly,
    ...(m.VolumeOptions ? { VolumeOptions: m.VolumeOptions } : {}),
  }) as Docker.MountSettings;

/** The create options one task of the service would get, as far as the container policy judges them. */
export function taskCreateOptions(spec: ServiceSpec): Docker.ContainerCreateOptions {
  const c = (spec.TaskTemplate?.ContainerSpec ?? {}) as ContainerSpec & { Ulimits?: Docker.Ulimit[]; OomScoreAdj?: number; Groups?: string[] };
  const networks = [...(spec.TaskTemplate?.Networks ?? []), ...(spec.Networks ?? [])];
  const ports = spec.EndpointSpec?.Ports ?? [];
  const bindings: Record<string, { HostPort: string }[]> = {};
  for (const p of ports) (bindings[`${p.TargetPort}/${p.Protocol ?? 'tcp'}`] ??= []).push({ HostPort: p.PublishedPort ? String(p.PublishedPort) : '' });
  const limits = spec.TaskTemplate?.Resources?.Limits;
  const hostConfig: Docker.HostConfig & { OomScoreAdj?: number } = {
    Mounts: (c.Mounts ?? []).filter((m) => m.Type === 'bind' || m.Type === 'volume').map(toMount),
    CapAdd: (c.CapabilityAdd ?? []).map((x) => x.replace(/^CAP_/i, '')),
    CapDrop: c.CapabilityDrop,
    Sysctls: c.Sysctls,
    SecurityOpt: securityOptsOf(c.Privileges),
    Init: c.Init,
    ReadonlyRootfs: c.ReadOnly,
    Ulimits: c.Ulimits,
    OomScoreAdj: c.OomScoreAdj,
    GroupAdd: c.Groups,
    PortBindings: bindings,
    Memory: limits?.MemoryBytes,
    NanoCpus: limits?.NanoCPUs,
  };
  return {
    Image: c.Image,
    Cmd: c.Args,
    Entrypoint: c.Command,
    Env: c.Env,
    WorkingDir: c.Dir,
    User: c.User,
    Hostname: c.Hostname,
    Labels: c.Labels as Record<string, string> | undefined,
    Tty: c.TTY,
    HostConfig: hostConfig,
    // a network named host (the swarm's host network) or container:<x> is judged as the container policy judges it
    ...(networks.length ? { NetworkingConfig: { EndpointsConfig: Object.fromEntries(networks.map((n) => [n.Target, {}])) } } : {}),
  };
}

/** Everything in the spec a non-admin may not use, each as a sentence naming it. */
export async function serviceViolations(spec: ServiceSpec, j: Judge): Promise<string[]> {
  return [...new Set([...serviceOnlyViolations(spec), ...(await createViolations(taskCreateOptions(spec), j))])];
}

/**
 * Throws a 403 naming every offending setting unless the principal is admin on the manager's host. Named volumes and
 * `container:` references are looked up on the manager: a node-local volume of the same name elsewhere cannot be seen
 * from there, which is why inline driver options are judged as given.
 */
export async function enforceServicePolicy(b: Berth, principal: Principal, hostId: string, engine: Engine, spec: ServiceSpec): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const violations = await serviceViolations(spec, { policy: policyOf(b), lookup: engineLookup(engine) });
  if (violations.length)
    throw new BerthError('forbidden', `Only an admin may create or update this service; change or remove: ${violations.join('; ')}`, { violations });
}
