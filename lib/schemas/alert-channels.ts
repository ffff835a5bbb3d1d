import { z } from 'zod';

/**
 * Alert channels (issue #17 point 2): one schema per kind, as a discriminated union on `kind`, shared by the Settings
 * form, the route handlers and tests. Secret fields (a webhook URL, which for Slack and Discord IS the credential; the
 * signing secret; the ntfy token; the SMTP password) are write-only: on update, leaving one empty keeps the stored one.
 * Field names are chosen so the audit log's redaction (server/audit/redact.ts) hides them.
 */

export const CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'ntfy', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const oneLine = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} is too long (at most ${max} characters)`)
    .refine((v) => !/[\r\n\0]/.test(v), { message: `${what} must be one line` });

/** http(s) only; any host, internal ones included: operators point channels at their own receivers. */
export const outboundUrl = (what: string) =>
  oneLine(what, 2048).superRefine((v, ctx) => {
    if (v === '') return;
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${what} is not a URL: write it in full, like https://hooks.example.com/berth` });
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `${what} must start with http:// or https:// (not ${u.protocol})` });
    }
  });

const name = oneLine('Name', 100).pipe(z.string().min(1, 'Name is required: a name for people, like "ops-slack"'));
const enabled = z.boolean().default(true);

const secretUrl = (what: string, mode: Mode) =>
  mode === 'create'
    ? outboundUrl(what).pipe(z.string().min(1, `${what} is required`))
    : outboundUrl(what).optional().describe('leave empty to keep the stored one');

const email = oneLine('Address', 320).refine((v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v), { message: 'Give an email address like ops@example.com' });

type Mode = 'create' | 'update';

function kinds(mode: Mode) {
  const webhook = z
    .object({
      kind: z.literal('webhook'),
      name,
      enabled,
      webhookUrl: secretUrl('Webhook URL', mode).describe('where the JSON is POSTed; stored encrypted, never returned'),
      signingSecret: oneLine('Signing secret', 4096)
        .optional()
        .describe('HMAC-SHA256 key for X-Berth-Signature; stored encrypted, never returned; empty keeps the stored one'),
      clearSigningSecret: z.boolean().optional().describe('stop signing: forget the stored signing secret'),
    })
    .strict();
  const slack = z
    .object({ kind: z.literal('slack'), name, enabled, webhookUrl: secretUrl('Slack webhook URL', mode).describe('Slack incoming webhook URL (a secret)') })
    .strict();
  const discord = z
    .object({ kind: z.literal('discord'), name, enabled, webhookUrl: secretUrl('Discord webhook URL', mode).describe('Discord webhook URL (a secret)') })
    .strict();
  const ntfy = z
    .object({
      kind: z.literal('ntfy'),
      name,
      enabled,
      server: outboundUrl('ntfy server').pipe(z.string().min(1, 'ntfy server is required, like https://ntfy.sh')),
      topic: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Topic may use letters, digits, "_" and "-" (1 to 64 characters)'),
      token: oneLine('Access token', 4096).optional().describe('ntfy access token; stored encrypted, never returned; empty keeps the stored one'),
      clearToken: z.boolean().optional(),
    })
    .strict();
  const emailKind = z
    .object({
      kind: z.literal('email'),
      name,
      enabled,
      host: oneLine('SMTP host', 253).pipe(z.string().min(1, 'SMTP host is required, like smtp.example.com')),
      port: z.coerce
        .number({ message: 'Port must be a number' })
        .int()
        .min(1, 'Port must be between 1 and 65535')
        .max(65535, 'Port must be between 1 and 65535'),
      security: z.enum(['tls', 'starttls', 'none']).describe('tls: TLS from the start (465); starttls: upgrade (587); none: plain (a local relay)'),
      from: email,
      to: z.array(email).min(1, 'Give at least one recipient').max(50, 'At most 50 recipients'),
      username: oneLine('SMTP user name', 256).optional(),
      password: oneLine('SMTP password', 4096).optional().describe('stored encrypted, never returned; empty keeps the stored one'),
      clearCredentials: z.boolean().optional(),
    })
    .strict();
  return z.discriminatedUnion('kind', [webhook, slack, discord, ntfy, emailKind]);
}

/** POST /api/v1/alerts/channels */
export const ChannelCreateSchema = kinds('create');
export type ChannelCreate = z.output<typeof ChannelCreateSchema>;
export type ChannelCreateInput = z.input<typeof ChannelCreateSchema>;

/** PUT /api/v1/alerts/channels/{cid}: the whole channel; secrets left empty keep the stored ones. The kind cannot change. */
export const ChannelUpdateSchema = kinds('update');
export type ChannelUpdate = z.output<typeof ChannelUpdateSchema>;

/** "a@x.org, b@y.org" (the form's one text field) → a list */
export const splitRecipients = (text: string): string[] =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
