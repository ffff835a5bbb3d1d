import type { ServiceCreate, ServiceUpdate } from '@/lib/schemas/swarm-service';
import { spreadOf } from '@/lib/schemas/swarm-service';
import { parseBytes, parseDuration } from '@/lib/schemas/launch-text';
import { MANAGED_LABEL } from '../docker/volumes';

/**
 * The service form's value → the Engine's ServiceSpec, pure. Fields left empty are left out, so the Engine's defaults
 * apply as with `docker service create`. An update merges the form's parts onto the spec as read (mergeSpec), so what
 * the form does not show (secrets, configs, log driver, DNS…) is kept. The reverse, for the edit form, is
 * service-spec-read.ts (re-exported here, so callers keep one import).
 */

export { fromServiceSpec } from './service-spec-read';

type Obj = Record<string, unknown>;

/** The parts of an Engine ServiceSpec that Berth writes or reads; the rest passes through as unknown keys. */
export interface ServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: ContainerSpec;
    Resources?: { Limits?: Limits & Obj; Reservations?: Limits & Obj };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: { Constraints?: string[]; Preferences?: { Spread?: { SpreadDescriptor: string } }[] } & Obj;
    Networks?: { Target: string; Aliases?: string[] }[];
  } & Obj;
  Mode?: { Replicated?: { Replicas?: number }; Global?: Obj } & Obj;
  UpdateConfig?: Rollout;
  RollbackConfig?: Rollout;
  EndpointSpec?: { Mode?: string; Ports?: EnginePort[] };
  Networks?: { Target: string; Aliases?: string[] }[];
  [k: string]: unknown;
}
type Limits = {
  NanoCPUs?: number;
  MemoryBytes?: number;
};
export interface EnginePort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}
export interface Rollout {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}
export interface EngineMount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  VolumeOptions?: { DriverConfig?: { Name?: string; Options?: Record<string, string> } } & Obj;
  TmpfsOptions?: { SizeBytes?: number } & Obj;
  BindOptions?: Obj;
}
export interface ContainerSpec {
  Image?: string;
  Command?: string[];
  Args?: string[];
  Env?: string[];
  Dir?: string;
  User?: string;
  Hostname?: string;
  Mounts?: EngineMount[];
  HealthCheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Sysctls?: Record<string, string>;
  Privileges?: {
    Seccomp?: { Mode?: string; Profile?: string };
    AppArmor?: { Mode?: string };
    NoNewPrivileges?: boolean;
  } & Obj;
  Init?: boolean;
  ReadOnly?: boolean;
  TTY?: boolean;
  StopGracePeriod?: number;
  [k: string]: unknown;
}

const ns = (t: string) => (t ? parseDuration(t)! : undefined);
const num = (t: string) => (t ? Number(t) : undefined);
/** Keeps only the keys whose value is set, so the Engine applies its default for the others. */
const defined = <T extends Obj>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function rollout(r: ServiceUpdate['update'] | ServiceUpdate['rollback']): Rollout {
  return defined({
    Parallelism: r.parallelism ? Number(r.parallelism) : 1,
    Delay: ns(r.delay),
    FailureAction: r.failureAction,
    Monitor: ns(r.monitor),
    MaxFailureRatio: r.maxFailureRatio ? Number(r.maxFailureRatio) : undefined,
    Order: r.order,
  });
}

function mount(m: ServiceUpdate['mounts'][number]): EngineMount {
  if (m.type === 'tmpfs')
    return defined({ Type: 'tmpfs', Target: m.target, ReadOnly: m.readOnly, TmpfsOptions: m.tmpfsSize ? { SizeBytes: parseBytes(m.tmpfsSize)! } : undefined });
  return defined({ Type: m.type, Source: m.source || undefined, Target: m.target, ReadOnly: m.readOnly });
}

function privileges(p: ServiceUpdate['privileges']): ContainerSpec['Privileges'] {
  const out = defined({
    Seccomp: p.seccomp === 'unconfined' ? { Mode: 'unconfined' } : undefined,
    AppArmor: p.appArmor === 'disabled' ? { Mode: 'disabled' } : undefined,
    NoNewPrivileges: p.noNewPrivileges || undefined,
  });
  return Object.keys(out).length ? out : undefined;
}

const limits = (cpu: string, memory: string): Limits | undefined => {
  const l = defined({ NanoCPUs: cpu ? Math.round(Number(cpu) * 1e9) : undefined, MemoryBytes: memory ? parseBytes(memory)! : undefined });
  return Object.keys(l).length ? l : undefined;
};

/** The form's value → the ServiceSpec the Engine is sent. */
export function toServiceSpec(s: ServiceCreate): ServiceSpec {
  const h = s.healthcheck;
  const container: ContainerSpec = defined({
    Image: s.image,
    Command: s.entrypoint.length ? s.entrypoint : undefined,
    Args: s.command.length ? s.command : undefined,
    Env: s.env.length ? s.env.map((e) => `${e.key}=${e.value}`) : undefined,
    Dir: s.workingDir || undefined,
    User: s.user || undefined,
    Hostname: s.hostname || undefined,
    Mounts: s.mounts.length ? s.mounts.map(mount) : undefined,
    HealthCheck: h
      ? defined({ Test: ['CMD', ...h.command], Interval: ns(h.interval), Timeout: ns(h.timeout), StartPeriod: ns(h.startPeriod), Retries: num(h.retries) })
      : undefined,
    CapabilityAdd: s.capAdd.length ? s.capAdd : undefined,
    CapabilityDrop: s.capDrop.length ? s.capDrop : undefined,
    Sysctls: s.sysctls.length ? Object.fromEntries(s.sysctls.map((r) => [r.key, r.value])) : undefined,
    Privileges: privileges(s.privileges),
    Init: s.init || undefined,
    ReadOnly: s.readOnly || undefined,
    TTY: s.tty || undefined,
    StopGracePeriod: ns(s.stopGracePeriod),
  });
  const resources = defined({
    Limits: limits(s.resources.cpuLimit, s.resources.memoryLimit),
    Reservations: limits(s.resources.cpuReservation, s.resources.memoryReservation),
  });
  return {
    Name: s.name,
    Labels: { ...Object.fromEntries(s.labels.map((l) => [l.key, l.value])), [MANAGED_LABEL]: 'true' },
    TaskTemplate: defined({
      ContainerSpec: container,
      Resources: Object.keys(resources).length ? resources : undefined,
      RestartPolicy: defined({
        Condition: s.restart.condition,
        Delay: ns(s.restart.delay),
        MaxAttempts: num(s.restart.maxAttempts),
        Window: ns(s.restart.window),
      }),
      Placement: defined({
        Constraints: s.constraints.length ? s.constraints : undefined,
        Preferences: s.preferences.length ? s.preferences.map((p) => ({ Spread: { SpreadDescriptor: spreadOf(p)! } })) : undefined,
      }),
      Networks: s.networks.length ? s.networks.map((n) => defined({ Target: n.name, Aliases: n.aliases.length ? n.aliases : undefined })) : undefined,
    }),
    Mode: s.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: s.replicas ? Number(s.replicas) : 1 } },
    UpdateConfig: rollout(s.update),
    RollbackConfig: rollout(s.rollback),
    EndpointSpec: defined({
      Mode: s.endpointMode,
      Ports: s.ports.length
        ? s.ports.map((p) => defined({ Protocol: p.protocol, TargetPort: Number(p.target), PublishedPort: num(p.published), PublishMode: p.mode }))
        : undefined,
    }),
  };
}

/**
 * An update: the form's parts of the spec replace those read from the Engine; everything else the service has (secrets,
 * configs, log driver, platforms, the container's own labels…) is kept as it was. The deprecated top-level Networks is
 * dropped for TaskTemplate.Networks, which the form writes.
 */
export function mergeSpec(current: ServiceSpec, name: string, form: ServiceUpdate): ServiceSpec {
  const next = toServiceSpec({ ...form, name });
  const cur = current.TaskTemplate ?? {};
  const curContainer = cur.ContainerSpec ?? {};
  // the form's container fields replace the current ones, including fields it leaves empty
  const formContainerKeys = [
    'Image',
    'Command',
    'Args',
    'Env',
    'Dir',
    'User',
    'Hostname',
    'Mounts',
    'HealthCheck',
    // the Engine writes the health check back as "Healthcheck" (Go's field name) though it reads either spelling
    'Healthcheck',
    'CapabilityAdd',
    'CapabilityDrop',
    'Sysctls',
    'Init',
    'ReadOnly',
    'TTY',
    'StopGracePeriod',
  ];
  const keptContainer = Object.fromEntries(Object.entries(curContainer).filter(([k]) => !formContainerKeys.includes(k)));
  const { Seccomp: _s, AppArmor: _a, NoNewPrivileges: _n, ...keptPrivileges } = curContainer.Privileges ?? {};
  const privs = { ...keptPrivileges, ...(next.TaskTemplate?.ContainerSpec?.Privileges ?? {}) };
  const keptLabels = Object.fromEntries(Object.entries(current.Labels ?? {}).filter(([k]) => k.startsWith('com.docker.')));
  const keep = (o: Obj | undefined, drop: string[]) => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => !drop.includes(k)));
  const { Networks: _old, ...rest } = current;
  return {
    ...rest,
    ...next,
    // labels Docker itself set (a stack's namespace) stay with the service
    Labels: { ...keptLabels, ...next.Labels },
    TaskTemplate: {
      ...cur,
      ...next.TaskTemplate,
      ContainerSpec: defined({ ...keptContainer, ...next.TaskTemplate!.ContainerSpec, Privileges: Object.keys(privs).length ? privs : undefined }),
      Resources: defined({
        Limits: mergeLimits(cur.Resources?.Limits, next.TaskTemplate?.Resources?.Limits),
        Reservations: mergeLimits(cur.Resources?.Reservations, next.TaskTemplate?.Resources?.Reservations),
      }),
      Placement: { ...keep(cur.Placement, ['Constraints', 'Preferences']), ...next.TaskTemplate!.Placement },
      Networks: next.TaskTemplate?.Networks,
    },
  };
}

function mergeLimits(cur: (Limits & Obj) | undefined, next: Limits | undefined): (Limits & Obj) | undefined {
  const { NanoCPUs: _c, MemoryBytes: _m, ...kept } = cur ?? {};
  const out = { ...kept, ...(next ?? {}) };
  return Object.keys(out).length ? out : undefined;
}
