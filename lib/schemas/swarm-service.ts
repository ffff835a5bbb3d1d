import { z } from 'zod';
import { HealthcheckSchema } from './launch';
import { caps as capsLike, count, envKey, image, labelKey, list as lines, networks, rows, textFields, words } from './fields';

/**
 * POST /api/v1/hosts/{id}/swarm/services (create) and …/services/{sid}/update (a rolling update): a Swarm service
 * from a form. Values stay close to what a person types, as in the launch form (durations as "10s", memory as
 * "512m", commands as words); server/swarm/service-spec.ts turns them into the Engine's ServiceSpec and back.
 */

const { text, duration: durationLike, size: sizeLike, cpus: cpusLike } = textFields((what, max) => `${what} is too long (${max} characters at most)`);
const duration = (what: string) => durationLike(what, '10s, 1m30s or 500ms');
const size = (what: string) => sizeLike(what, '256m or 1.5g');
const cpus = (what: string) => cpusLike(what, 'a number of CPUs like 0.5 or 2');

/** Docker's own rule for service names (swarmkit's validateAnnotations): a DNS name component of at most 63 characters. */
export const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
export const serviceName = z
  .string()
  .trim()
  .min(1, 'Service name is required, e.g. web')
  .max(63, 'Service name must be 63 characters or fewer (it is a DNS name in the swarm)')
  .regex(
    SERVICE_NAME,
    'Service name may use letters, digits, "-" and "_", must start and end with a letter or digit, and has no dots or spaces (it is a DNS name in the swarm)',
  );

/** What a placement constraint may name (Docker's list), then == or != and a value. */
const CONSTRAINT = /^(node\.(id|hostname|role|platform\.os|platform\.arch)|node\.labels\.[^\s=!]+|engine\.labels\.[^\s=!]+)\s*(==|!=)\s*([^\s=!][^=!]*)$/;
const CONSTRAINT_VALUE = /^[A-Za-z0-9:\-_\s.*()?+[\]\\^$|/]+$/;

/** Why a placement constraint cannot be used, or null. */
export function constraintProblem(c: string): string | null {
  const m = CONSTRAINT.exec(c.trim());
  if (!m)
    return `Constraint "${c}" must look like node.labels.zone==east, node.role==manager or node.hostname!=node-3 (keys: node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.KEY, engine.labels.KEY)`;
  const [, key, , op, value] = m;
  if (!CONSTRAINT_VALUE.test(value.trim())) return `Constraint "${c}": the value "${value.trim()}" has characters Docker does not accept`;
  if (key === 'node.role' && !['manager', 'worker'].includes(value.trim())) return `Constraint "${c}": node.role is manager or worker`;
  if (!op) return `Constraint "${c}" needs == or !=`;
  return null;
}

const PREFERENCE = /^(spread=)?((node|engine)\.labels\.[A-Za-z0-9_.-]+)$/;
/** "spread=node.labels.zone" (or just "node.labels.zone") → the label descriptor; null when unreadable. */
export const spreadOf = (p: string): string | null => PREFERENCE.exec(p.trim())?.[2] ?? null;

const portNumber = (what: string, required: boolean) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => String(v ?? '').trim())
    .superRefine((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message: `${what} is required, e.g. 80` });
        return;
      }
      if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535)
        ctx.addIssue({ code: 'custom', message: `${what} "${v}" must be a port from 1 to 65535` });
    });

export const ServicePortSchema = z.object({
  target: portNumber('Container port', true),
  published: portNumber('Published port', false).describe('empty: the swarm picks one (30000+ in ingress mode, a random port per node in host mode)'),
  protocol: z.enum(['tcp', 'udp', 'sctp'], { message: 'Protocol must be tcp, udp or sctp' }).default('tcp'),
  mode: z
    .enum(['ingress', 'host'], { message: 'Port mode must be ingress or host' })
    .default('ingress')
    .describe('ingress: the routing mesh on every node (needs IPVS); host: only on the nodes running a task'),
});

export const ServiceMountSchema = z
  .object({
    type: z.enum(['volume', 'bind', 'tmpfs'], { message: 'Mount type must be volume, bind or tmpfs' }).default('volume'),
    source: z.string().trim().default('').describe('volume name (volume; empty for an anonymous one), host path on each node (bind); empty for tmpfs'),
    target: z.string().trim(),
    readOnly: z.boolean().default(false),
    tmpfsSize: size('Tmpfs size'),
  })
  .superRefine((m, ctx) => {
    if (!m.target.startsWith('/') || /[\0\r\n:,]/.test(m.target))
      ctx.addIssue({ code: 'custom', path: ['target'], message: `Mount path "${m.target}" must be an absolute path inside the container, like /data` });
    if (m.type === 'bind' && (!m.source.startsWith('/') || /[\0\r\n,]/.test(m.source)))
      ctx.addIssue({ code: 'custom', path: ['source'], message: `Host path "${m.source}" must be an absolute path on the nodes, like /srv/data` });
    if (m.type === 'volume' && m.source && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(m.source))
      ctx.addIssue({ code: 'custom', path: ['source'], message: `Volume name "${m.source}" may use letters, digits, "_", "." and "-"` });
    if (m.type === 'tmpfs' && m.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'A tmpfs mount has no source: leave it empty' });
    if (m.type !== 'tmpfs' && m.tmpfsSize) ctx.addIssue({ code: 'custom', path: ['tmpfsSize'], message: 'A size only applies to tmpfs mounts' });
  });

const sysctlKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_-]+)+$/, 'Sysctl names look like net.core.somaxconn');

const caps = capsLike('NET_ADMIN', 'CAP_');

const ratio = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => String(v ?? '').trim())
  .refine((v) => !v || (/^\d*(\.\d+)?$/.test(v) && Number(v) >= 0 && Number(v) <= 1), {
    message: 'Max failure ratio must be a number from 0 to 1, e.g. 0.2',
  });

const rollout = (failureActions: readonly [string, ...string[]]) =>
  z
    .object({
      parallelism: count('Parallelism', 10_000).describe('tasks changed at a time (0: all at once); empty: 1'),
      delay: duration('Delay').describe('wait between batches'),
      failureAction: z.enum(failureActions, { message: `Failure action must be ${failureActions.join(', ')}` }).default(failureActions[0]),
      monitor: duration('Monitor').describe('how long a new task is watched for failure'),
      maxFailureRatio: ratio,
      order: z.enum(['stop-first', 'start-first'], { message: 'Order must be stop-first or start-first' }).default('stop-first'),
    })
    .default({ parallelism: '', delay: '', failureAction: failureActions[0], monitor: '', maxFailureRatio: '', order: 'stop-first' });

const ServiceFields = {
  image,
  command: words('Command').describe("arguments (the container's CMD); empty keeps the image's"),
  entrypoint: words('Entrypoint').describe("empty keeps the image's"),
  workingDir: text('Working directory', 1024).refine((v) => !v || v.startsWith('/'), { message: 'Working directory must be an absolute path, like /app' }),
  user: text('User', 64).refine((v) => !/\s/.test(v), { message: 'User must be a name or uid[:gid] without spaces' }),
  hostname: text('Hostname', 253).refine((v) => !v || /^[A-Za-z0-9{]([A-Za-z0-9.{}-]*[A-Za-z0-9}])?$/.test(v), {
    message: 'Hostname may use letters, digits, "." and "-" (and templates like {{.Task.Slot}})',
  }),
  env: rows('Environment', envKey),
  labels: rows('Label', labelKey).describe("the service's labels"),
  mode: z.enum(['replicated', 'global'], { message: 'Mode must be replicated or global' }).default('replicated'),
  replicas: count('Replicas', 10_000).describe('replicated mode: how many tasks (empty: 1)'),
  constraints: lines(/\n/).superRefine((cs, ctx) => {
    for (const c of cs) {
      const p = constraintProblem(c);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    }
  }),
  preferences: lines(/\n/).superRefine((ps, ctx) => {
    for (const p of ps) if (!spreadOf(p)) ctx.addIssue({ code: 'custom', message: `Placement preference "${p}" must look like spread=node.labels.zone` });
  }),
  ports: z.array(ServicePortSchema).default([]),
  endpointMode: z
    .enum(['vip', 'dnsrr'], { message: 'Endpoint mode must be vip or dnsrr' })
    .default('vip')
    .describe('vip: one virtual IP (needs IPVS); dnsrr: DNS answers with every task'),
  mounts: z.array(ServiceMountSchema).default([]),
  networks: networks.describe('overlay networks (or the swarm-scoped ones) the tasks join'),
  update: rollout(['pause', 'continue', 'rollback']).describe('how an update replaces tasks'),
  rollback: rollout(['pause', 'continue']).describe('how a rollback replaces tasks'),
  restart: z
    .object({
      condition: z.enum(['any', 'on-failure', 'none'], { message: 'Restart condition must be any, on-failure or none' }).default('any'),
      delay: duration('Restart delay'),
      maxAttempts: count('Max attempts', 10_000).describe('empty or 0: unlimited'),
      window: duration('Restart window'),
    })
    .default({ condition: 'any', delay: '', maxAttempts: '', window: '' }),
  resources: z
    .object({
      cpuLimit: cpus('CPU limit'),
      memoryLimit: size('Memory limit'),
      cpuReservation: cpus('CPU reservation'),
      memoryReservation: size('Memory reservation'),
    })
    .default({ cpuLimit: '', memoryLimit: '', cpuReservation: '', memoryReservation: '' }),
  healthcheck: HealthcheckSchema.nullish().transform((h) => (h && h.command.length ? h : null)),
  capAdd: caps,
  capDrop: caps,
  sysctls: rows('Sysctl', sysctlKey),
  privileges: z
    .object({
      seccomp: z.enum(['default', 'unconfined'], { message: 'Seccomp is default or unconfined' }).default('default'),
      appArmor: z.enum(['default', 'disabled'], { message: 'AppArmor is default or disabled' }).default('default'),
      noNewPrivileges: z.boolean().default(false),
    })
    .default({ seccomp: 'default', appArmor: 'default', noNewPrivileges: false })
    .describe('Engine 25+ (API 1.44); unconfined/disabled turn a kernel protection off (admins only)'),
  init: z.boolean().default(false),
  readOnly: z.boolean().default(false),
  tty: z.boolean().default(false),
  stopGracePeriod: duration('Stop grace period'),
};

/** Checks across fields, said at the field a person would change. */
interface Crossed {
  mode: string;
  replicas: string;
  ports: { published: string; protocol: string; mode: string }[];
  endpointMode: string;
  mounts: { target: string }[];
}
function crossCheck(s: Crossed, ctx: z.RefinementCtx) {
  if (s.mode === 'global' && s.replicas)
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message: 'Replicas only apply to replicated mode: a global service runs one task on every eligible node',
    });
  const seen = new Set<string>();
  s.ports.forEach((p, i) => {
    if (s.endpointMode === 'dnsrr' && p.mode === 'ingress')
      ctx.addIssue({
        code: 'custom',
        path: ['ports', i, 'mode'],
        message: 'Endpoint mode dnsrr has no virtual IP for the routing mesh: publish this port in host mode, or use endpoint mode vip',
      });
    if (!p.published) return;
    const key = `${p.published}/${p.protocol}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'published'], message: `Port ${key} is published twice` });
    seen.add(key);
  });
  const targets = new Set<string>();
  s.mounts.forEach((m, i) => {
    if (targets.has(m.target)) ctx.addIssue({ code: 'custom', path: ['mounts', i, 'target'], message: `${m.target} is mounted twice` });
    targets.add(m.target);
  });
}

export const ServiceUpdateSchema = z.object(ServiceFields).strict().superRefine(crossCheck);
export const ServiceCreateSchema = z
  .object({ name: serviceName, ...ServiceFields })
  .strict()
  .superRefine(crossCheck);

export type ServiceCreateInput = z.input<typeof ServiceCreateSchema>;
export type ServiceCreate = z.output<typeof ServiceCreateSchema>;
export type ServiceUpdateInput = z.input<typeof ServiceUpdateSchema>;
export type ServiceUpdate = z.output<typeof ServiceUpdateSchema>;
export type ServicePort = z.output<typeof ServicePortSchema>;
export type ServiceMount = z.output<typeof ServiceMountSchema>;

/** What create and update answer. */
export interface ServiceChanged {
  ok: true;
  id: string;
  name: string;
  /** in words: what was done, and for an update how tasks are replaced and what happens on failure */
  message: string;
  /** the Engine's own warnings (e.g. an image it could not resolve to a digest) */
  warnings: string[];
}

/** GET …/services/{sid}/update: the service as the edit form shows it. */
export interface ServiceFormValue {
  id: string;
  name: string;
  version: number;
  form: ServiceCreateInput;
  /** the last update's state (updating, completed, paused, rollback_started, rollback_completed…), null if none */
  updateState: string | null;
  updateMessage: string | null;
}
