import { z } from 'zod';

/**
 * Swarm secrets and configs (issue #14 point 5): one set of schemas for both, since the Engine treats them alike
 * (a name, a payload, labels; attached to a service's containers as files). What differs is the payload limit and
 * where an attached file goes by default.
 */
export type SwarmObjectKind = 'secret' | 'config';

/** The Engine's limits (swarmkit): a payload must be smaller than these, and not empty. */
export const MAX_BYTES: Record<SwarmObjectKind, number> = { secret: 500 * 1024, config: 1000 * 1024 };

/** swarmkit's rule for secret and config names, as the Engine states it when it refuses one. */
const NAME_RE = /^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;

export const SwarmObjectName = z
  .string()
  .min(1, 'a name is required')
  .max(64, 'a name may have at most 64 characters')
  .regex(NAME_RE, 'a name may use only letters, digits, dots, dashes and underscores, and must start and end with a letter or digit');

/** A secret or config as a route names it: its id (or a unique prefix) or its name. */
export const SwarmObjectRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'give the id or the name of the secret or config');

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The payload's size in bytes: UTF-8 for text, decoded size for base64 (without decoding it). */
export function payloadBytes(data: string, encoding: 'text' | 'base64'): number {
  if (encoding === 'text') return new TextEncoder().encode(data).length;
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - pad;
}

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

/**
 * POST …/swarm/secrets and …/swarm/configs. `data` is the value: text as typed, or a file's bytes in base64
 * (`encoding: "base64"`). The key is `data` on purpose: the audit log drops any field of that name (server/audit/redact.ts).
 */
export function createSchema(kind: SwarmObjectKind) {
  return z
    .object({
      name: SwarmObjectName,
      data: z.string({ message: `the ${kind}'s value (data) is required` }),
      encoding: z.enum(['text', 'base64'], { message: 'encoding must be text or base64' }).default('text'),
      labels: z
        .record(z.string().min(1, 'a label key must not be empty').max(128, 'a label key may have at most 128 characters'), z.string().max(4096))
        .optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.encoding === 'base64' && !BASE64_RE.test(v.data)) {
        ctx.addIssue({
          code: 'custom',
          path: ['data'],
          message: 'data is not valid base64: send the file as standard base64 (A-Z, a-z, 0-9, +, / and = padding)',
        });
        return;
      }
      const bytes = payloadBytes(v.data, v.encoding);
      if (bytes === 0) ctx.addIssue({ code: 'custom', path: ['data'], message: `the ${kind}'s value is empty: Docker needs at least one byte` });
      else if (bytes >= MAX_BYTES[kind])
        ctx.addIssue({
          code: 'custom',
          path: ['data'],
          message: `the ${kind}'s value is ${kib(bytes)} (${bytes} bytes): Docker takes ${kind}s smaller than ${kib(MAX_BYTES[kind])} (${MAX_BYTES[kind]} bytes)`,
        });
    });
}
export const SecretCreateSchema = createSchema('secret');
export const ConfigCreateSchema = createSchema('config');
export type SwarmObjectCreate = z.infer<typeof SecretCreateSchema>;

const IdOrName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'service must be the id or the name of a service');
const NumericId = z.string().regex(/^\d{1,10}$/, 'must be a number (a user or group id inside the container)');

/**
 * POST …/{sid}/attach: adds the secret or config to a service's containers as a file. A secret's target is a file
 * name under /run/secrets (default: its own name); a config's is an absolute path or a name at the root (default:
 * /<name>). Mode is octal as in chmod ("0444", the default).
 */
export const AttachSchema = z
  .object({
    service: IdOrName,
    target: z
      .string()
      .min(1)
      .max(255, 'target may have at most 255 characters')
      .refine((t) => !/(^|\/)\.\.(\/|$)/.test(t) && !/[\0\n]/.test(t), { message: 'target must not contain ".." or line breaks' })
      .optional(),
    uid: NumericId.optional(),
    gid: NumericId.optional(),
    mode: z
      .string()
      .regex(/^0?[0-7]{3}$/, 'mode must be octal like 0444 or 0400')
      .optional(),
  })
  .strict();
export type AttachInput = z.infer<typeof AttachSchema>;

/** POST …/{sid}/detach: removes it from the service's containers. */
export const DetachSchema = z.object({ service: IdOrName }).strict();
export type DetachInput = z.infer<typeof DetachSchema>;
