import { z } from 'zod';
import type { AlertKind, AlertSeverity } from '../alert-types';

/**
 * Alert rules and maintenance windows (issue #17), as an admin writes them in Settings › Alerts and through the API:
 * one schema each, shared by the form, the handlers and the tests. What a rule watches is in server/alerts/evaluate.ts.
 */

export const ALERT_KINDS = [
  'container-died',
  'oom-killed',
  'restart-loop',
  'unhealthy',
  'host-offline',
  'deploy-failed',
  'disk-usage',
  'image-update',
] as const satisfies readonly AlertKind[];

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const satisfies readonly AlertSeverity[];

/** What each kind means, for the form and the docs. */
export const KIND_LABELS: Record<AlertKind, string> = {
  'container-died': 'Container died (non-zero exit)',
  'oom-killed': 'Container killed for lack of memory (OOM)',
  'restart-loop': 'Container restart loop',
  unhealthy: 'Health check unhealthy',
  'host-offline': 'Host offline',
  'deploy-failed': 'Stack deploy or upgrade failed',
  'disk-usage': 'Docker data root disk usage',
  'image-update': 'Image update available',
};

/** Kinds about containers: only they can be narrowed by a label. */
export const CONTAINER_KINDS: readonly AlertKind[] = ['container-died', 'oom-killed', 'restart-loop', 'unhealthy'];
/** Kinds about a host as a whole: a stack or label would never match them. */
export const HOST_KINDS: readonly AlertKind[] = ['host-offline', 'disk-usage', 'image-update'];

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

/** The knobs of a rule; each kind reads its own and ignores the rest (defaults in paramsWithDefaults). */
export const AlertRuleParamsSchema = z
  .object({
    /** container-died: exit codes that are not worth an alert (0 never is) */
    ignoreExitCodes: z
      .array(whole('An exit code to ignore', 1, 255))
      .max(50, 'At most 50 exit codes to ignore')
      .optional(),
    /** container-died: leave out exits that follow a stop or kill someone asked for (docker stop, Berth's Stop) */
    ignoreRequestedStops: z.boolean().optional(),
    /** restart-loop: this many restarts … */
    restarts: whole('Restarts', 2, 1000).optional(),
    /** … within this many minutes */
    minutes: whole('Minutes', 1, 1440).optional(),
    /** unhealthy: the Engine's HEALTHCHECK, Berth's external check (x-berth-healthcheck), or both */
    source: z.enum(['any', 'engine', 'external'], { error: 'source is any, engine or external' }).optional(),
    /** disk-usage: percent of the data root's filesystem in use */
    percent: whole('Disk percent', 1, 100).optional(),
    /** disk-usage: or Docker's own total (images, containers, volumes, build cache) above this many GiB */
    totalGiB: z.number({ error: 'Total GiB must be a number' }).positive('Total GiB must be above 0').max(1_000_000).optional(),
  })
  .strict();
export type AlertRuleParams = z.infer<typeof AlertRuleParamsSchema>;

/** Every knob a kind reads, with its default filled in. */
export type FullParams = Required<Pick<AlertRuleParams, 'ignoreExitCodes' | 'ignoreRequestedStops' | 'restarts' | 'minutes' | 'source'>> &
  Pick<AlertRuleParams, 'percent' | 'totalGiB'>;

export function paramsWithDefaults(p: AlertRuleParams): FullParams {
  return {
    ignoreExitCodes: p.ignoreExitCodes ?? [],
    ignoreRequestedStops: p.ignoreRequestedStops ?? true,
    restarts: p.restarts ?? 3,
    minutes: p.minutes ?? 5,
    source: p.source ?? 'any',
    // a disk rule with neither threshold alerts at 90 % of the filesystem
    percent: p.percent ?? (p.totalGiB === undefined ? 90 : undefined),
    totalGiB: p.totalGiB,
  };
}

const optionalText = (label: string, max: number, re?: RegExp, hint?: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .refine((v) => !re || v === '' || re.test(v), hint ?? `${label} is not valid`)
    .nullish()
    .transform((v) => (v ? v : null));

const ruleFields = {
  name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(80, 'Name is at most 80 characters'),
  kind: z.enum(ALERT_KINDS, { error: `kind is one of ${ALERT_KINDS.join(', ')}` }),
  /** null or absent: every host */
  hostId: optionalText('Host', 100),
  stack: optionalText('Stack', 100, /^[a-z0-9][a-z0-9_-]*$/, 'Stack is a compose project name: lowercase letters, digits, "_" and "-"'),
  label: optionalText('Label', 300, /^[A-Za-z0-9][A-Za-z0-9._/-]*(=.*)?$/, 'Label is "key" (the label is set) or "key=value", e.g. com.example.team=web'),
  params: AlertRuleParamsSchema.default({}),
  severity: z.enum(ALERT_SEVERITIES, { error: 'severity is critical, warning or info' }).default('warning'),
  cooldownSeconds: whole('Cooldown', 0, 7 * 24 * 3600).default(300),
  channelIds: z.array(z.string().trim().min(1).max(100)).max(20, 'At most 20 channels per rule').default([]),
  enabled: z.boolean().default(true),
};

function checkScope(r: { kind: AlertKind; stack: string | null; label: string | null; params: AlertRuleParams }, ctx: z.RefinementCtx): void {
  if (HOST_KINDS.includes(r.kind) && (r.stack || r.label))
    ctx.addIssue({ code: 'custom', path: ['stack'], message: `A ${r.kind} rule is about whole hosts: leave stack and label empty` });
  if (r.label && !CONTAINER_KINDS.includes(r.kind))
    ctx.addIssue({ code: 'custom', path: ['label'], message: `Labels narrow container rules only; a ${r.kind} rule has no container to match` });
}

export const AlertRuleCreateSchema = z.object(ruleFields).strict().superRefine(checkScope);
export type AlertRuleCreate = z.infer<typeof AlertRuleCreateSchema>;
/** A rule as the form holds it, before defaults are filled in. */
export type AlertRuleInput = z.input<typeof AlertRuleCreateSchema>;

/** PUT replaces the whole rule, as the form sends it. */
export const AlertRuleUpdateSchema = AlertRuleCreateSchema;

export const MaintenanceWindowCreateSchema = z
  .object({
    hostId: optionalText('Host', 100),
    stack: ruleFields.stack,
    /** absent: now */
    startsAt: z.iso.datetime({ offset: true, error: 'startsAt is a date and time, e.g. 2026-12-03T18:00:00Z' }).optional(),
    endsAt: z.iso.datetime({ offset: true, error: 'endsAt is a date and time, e.g. 2026-12-03T20:00:00Z' }),
    reason: z.string({ error: 'Reason is required' }).trim().min(1, 'Say why (e.g. "kernel upgrade")').max(300, 'Reason is at most 300 characters'),
  })
  .strict()
  .superRefine((w, ctx) => {
    const start = w.startsAt ? Date.parse(w.startsAt) : Date.now();
    if (Date.parse(w.endsAt) <= start) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The window must end after it starts' });
    if (Date.parse(w.endsAt) - start > 31 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A window lasts at most 31 days' });
  });
export type MaintenanceWindowCreate = z.infer<typeof MaintenanceWindowCreateSchema>;

export const AlertListQuerySchema = z
  .object({
    host: z.string().trim().max(100).optional(),
    stack: z.string().trim().max(100).optional(),
    state: z.enum(['firing', 'resolved', 'all'], { error: 'state is firing, resolved or all' }).default('all'),
    limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, 'limit is 1-500').max(500, 'limit is 1-500').default(100),
  })
  .strict();
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

/** POST /api/v1/alerts/{aid}: resolve by hand (the condition is known to be over, or not worth watching). */
export const AlertActionSchema = z.object({ action: z.literal('resolve', { error: 'action is resolve' }) }).strict();

export const alertId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'An alert, rule or window id is letters, digits and "-" (the list gives them)');

/** What the API shows of a rule. */
export interface AlertRuleView {
  id: string;
  name: string;
  kind: AlertKind;
  hostId: string | null;
  stack: string | null;
  label: string | null;
  params: AlertRuleParams;
  severity: AlertSeverity;
  cooldownSeconds: number;
  channelIds: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MaintenanceWindowView {
  id: string;
  hostId: string | null;
  stack: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}
