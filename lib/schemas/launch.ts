import { z } from 'zod';
import { AdvancedSchema } from './launch-advanced';
import { caps as capsLike, count, envKey, image, labelKey, list as listOf, networks, rows, textFields, words } from './fields';
import { volumeName } from './volumes';

/**
 * POST /api/v1/hosts/{id}/containers (and …/recreate): everything the launch form covers. The form, the handler and the
 * tests all validate with this one schema. Values stay close to what a person types (ports as "8080" or "8000-8010",
 * memory as "512m", durations as "30s"), normalized; server/containers/launch-options.ts turns them into Engine options.
 */

const { text: optText, size, duration: durationLike, cpus } = textFields((what) => `${what} is too long`);
const duration = (what: string) => durationLike(what, '30s, 1m30s or 500ms');
const list = listOf();

export const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]+$/;
export const containerName = z
  .string()
  .trim()
  .max(128, 'Name must be at most 128 characters')
  .regex(CONTAINER_NAME, 'Name must be at least 2 characters: letters, digits, "_", "." and "-", starting with a letter or digit');

/** "8080" or "8000-8010" → [start, end]; null when unreadable or out of range. */
export function parseRange(text: string): [number, number] | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return a >= 1 && b <= 65535 && a <= b ? [a, b] : null;
}

const portText = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => String(v ?? '').trim());
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/;

export const PortRowSchema = z
  .object({
    hostIp: z.string().trim().default(''),
    hostPort: portText.describe('"" picks a free port; "8080" or a range "8000-8010"'),
    containerPort: portText.describe('"80" or a range "8000-8010"'),
    protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  })
  .superRefine((p, ctx) => {
    if (p.hostIp && !IP.test(p.hostIp))
      ctx.addIssue({ code: 'custom', path: ['hostIp'], message: `Host IP "${p.hostIp}" must be an IP address like 0.0.0.0 or 127.0.0.1` });
    const c = parseRange(p.containerPort);
    if (!p.containerPort) ctx.addIssue({ code: 'custom', path: ['containerPort'], message: 'Container port is required, e.g. 80' });
    else if (!c)
      ctx.addIssue({
        code: 'custom',
        path: ['containerPort'],
        message: `Container port "${p.containerPort}" must be a port 1-65535 or a range like 8000-8010`,
      });
    if (!p.hostPort) return;
    const h = parseRange(p.hostPort);
    if (!h)
      ctx.addIssue({
        code: 'custom',
        path: ['hostPort'],
        message: `Host port "${p.hostPort}" must be a port 1-65535, a range like 8000-8010, or empty for a random port`,
      });
    else if (c && c[0] !== c[1] && h[1] - h[0] !== c[1] - c[0])
      ctx.addIssue({
        code: 'custom',
        path: ['hostPort'],
        message: `Host port range ${p.hostPort} must have as many ports as container range ${p.containerPort}`,
      });
  });

export const VolumeRowSchema = z
  .object({
    type: z.enum(['volume', 'bind', 'anonymous']).default('volume'),
    source: z.string().trim().default('').describe('volume name (volume), host path (bind); for anonymous, an existing anonymous volume to reuse'),
    target: z.string().trim(),
    readOnly: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (!v.target.startsWith('/') || /[\0\r\n:]/.test(v.target))
      ctx.addIssue({ code: 'custom', path: ['target'], message: `Mount path "${v.target}" must be an absolute path inside the container, like /data` });
    if (v.type === 'bind' && (!v.source.startsWith('/') || /[\0\r\n]/.test(v.source)))
      ctx.addIssue({ code: 'custom', path: ['source'], message: `Host path "${v.source}" must be an absolute path on the host, like /srv/data` });
    if (v.type === 'volume' || (v.type === 'anonymous' && v.source)) {
      const r = volumeName.safeParse(v.source);
      if (!r.success)
        ctx.addIssue({ code: 'custom', path: ['source'], message: v.source ? r.error.issues[0].message : 'Volume name is required (or choose "anonymous")' });
    }
  });

const caps = capsLike('NET_ADMIN or ALL', '');
const ONE_LINE = ' (env files and many tools read one variable per line): put multi-line content in a file and mount it';

/** A list whose entries must each match; the message names the first that does not. */
const each = <T extends z.ZodType<string[]>>(l: T, ok: (s: string) => boolean, message: (bad: string) => string) =>
  l.superRefine((xs, ctx) => {
    const bad = xs.find((x) => !ok(x));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: message(bad) });
  });
const ULIMIT = /^[a-z]+=-?\d+(:-?\d+)?$/;

export const HealthcheckSchema = z
  .object({
    command: words('Healthcheck command'),
    interval: duration('Interval'),
    timeout: duration('Timeout'),
    startPeriod: duration('Start period'),
    retries: count('Retries', 100),
  })
  .superRefine((h, ctx) => {
    if (!h.command.length && (h.interval || h.timeout || h.startPeriod || h.retries))
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'A healthcheck needs a command, e.g. wget -q --spider http://localhost/' });
  });

export const LaunchSchema = z
  .object({
    image,
    pullIfMissing: z.boolean().default(true).describe('pull the image when the host does not have it'),
    name: z
      .union([z.literal(''), containerName])
      .default('')
      .describe('empty: the Engine picks a name'),
    command: words('Command').describe('argument array, or text split like shell words (never run by a shell); empty keeps the image default'),
    entrypoint: words('Entrypoint').describe('argument array or text; empty keeps the image default'),
    workingDir: optText('Working directory', 1024).refine((v) => !v || v.startsWith('/'), { message: 'Working directory must be an absolute path, like /app' }),
    user: optText('User', 64).refine((v) => !/\s/.test(v), { message: 'User must be a name or uid[:gid] without spaces' }),
    hostname: optText('Hostname', 253).refine((v) => !v || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v), {
      message: 'Hostname may use letters, digits, "." and "-"',
    }),
    env: rows('Environment', envKey, ONE_LINE),
    labels: rows('Label', labelKey, ONE_LINE),
    ports: z.array(PortRowSchema).default([]),
    volumes: z.array(VolumeRowSchema).default([]),
    networks: networks.describe('the first is joined at create; empty: the default bridge'),
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('no'),
    maxRetries: count('Max retries', 1000).describe('with on-failure: how many restarts before giving up (empty: unlimited)'),
    memory: size('Memory limit', '512m or 1.5g'),
    cpus: cpus('CPUs', 'a number like 0.5 or 1.5'),
    healthcheck: HealthcheckSchema.nullish().transform((h) => (h && h.command.length ? h : null)),
    tty: z.boolean().default(false),
    openStdin: z.boolean().default(false),
    privileged: z.boolean().default(false),
    capAdd: caps,
    capDrop: caps,
    sensitive: z.boolean().default(false).describe(`stored as label io.berth.sensitive=true: viewers may not read this container's logs`),
    dns: each(
      list,
      (d) => IP.test(d),
      (d) => `DNS server "${d}" must be an IP address like 1.1.1.1`,
    ),
    dnsSearch: each(
      list,
      (d) => /^[A-Za-z0-9.-]+$/.test(d),
      (d) => `DNS search domain "${d}" may use letters, digits, "." and "-"`,
    ),
    dnsOptions: each(
      list,
      (d) => /^[\w.:-]+$/.test(d),
      (d) => `DNS option "${d}" must look like ndots:2 or edns0`,
    ),
    extraHosts: each(
      words('Extra hosts'),
      (e) => /^[^\s:]+:\S+$/.test(e),
      (e) => `Extra host "${e}" must look like name:10.0.0.5 (or name:host-gateway)`,
    ),
    tmpfs: each(
      words('Tmpfs'),
      (t) => /^\/[^:\s]*(:\S*)?$/.test(t),
      (t) => `Tmpfs "${t}" must be an absolute path with optional options, like /run:size=64m,mode=1777`,
    ),
    logDriver: optText('Log driver', 255).refine((v) => /^[A-Za-z0-9._/:-]*$/.test(v), {
      message: 'Log driver is a name like json-file, local, journald or syslog',
    }),
    logOptions: each(
      words('Log options'),
      (o) => /^[^=\s]+=/.test(o),
      (o) => `Log option "${o}" must look like max-size=10m`,
    ).describe('key=value words, e.g. max-size=10m max-file=3'),
    ulimits: each(
      words('Ulimits'),
      (u) => ULIMIT.test(u),
      (u) => `Ulimit "${u}" must look like nofile=1024:2048 (name=soft[:hard])`,
    ),
    init: z.boolean().default(false).describe('run an init process as PID 1 (docker run --init)'),
    readOnly: z.boolean().default(false).describe('mount the root filesystem read-only'),
    advanced: AdvancedSchema.optional().describe(
      "Engine settings the form does not show, as read by launch-input. Left out on recreate: the existing container's are kept; sent: exactly these are used",
    ),
  })
  .strict()
  .superRefine((l, ctx) => {
    const targets = new Set<string>();
    l.volumes.forEach((v, i) => {
      if (targets.has(v.target)) ctx.addIssue({ code: 'custom', path: ['volumes', i, 'target'], message: `${v.target} is mounted twice` });
      targets.add(v.target);
    });
    l.tmpfs.forEach((t) => {
      const target = t.split(':')[0];
      if (targets.has(target)) ctx.addIssue({ code: 'custom', path: ['tmpfs'], message: `${target} is both a volume and a tmpfs: keep one` });
      targets.add(target);
    });
    if (l.logOptions.length && !l.logDriver) ctx.addIssue({ code: 'custom', path: ['logDriver'], message: 'Log options need a log driver, e.g. json-file' });
    if (l.maxRetries && l.restart !== 'on-failure')
      ctx.addIssue({ code: 'custom', path: ['maxRetries'], message: 'Max retries only applies to the on-failure restart policy' });
  });

export type LaunchInput = z.input<typeof LaunchSchema>;
export type Launch = z.output<typeof LaunchSchema>;
export type PortRow = z.output<typeof PortRowSchema>;
export type VolumeRow = z.output<typeof VolumeRowSchema>;

/** The form also picks the host; the API takes it from the path. */
export const LaunchFormSchema = LaunchSchema.safeExtend({ hostId: z.string({ message: 'Choose a host' }).min(1, 'Choose a host') });

/** GET …/containers/{cid}/launch-input?mode=: duplicate clears the name and the anonymous volumes to reuse. */
export const LaunchInputQuerySchema = z.object({ mode: z.enum(['duplicate', 'recreate']).default('recreate') }).strict();

export const SENSITIVE_LABEL = 'io.berth.sensitive';
