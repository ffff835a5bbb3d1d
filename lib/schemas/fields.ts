import { z } from 'zod';
import { ENV_KEY, parseBytes, parseDuration, splitWords } from './launch-text';

/**
 * Field builders the container launch form (launch.ts) and the Swarm service form (swarm-service.ts) share: both take
 * values close to what a person types (commands as words, memory as "512m", durations as "30s"), so each rule is
 * written once. Where the two forms word a message differently (their examples, how "too long" is said), the wording is
 * a parameter and each form keeps its own.
 */

export const noBreaks = (what: string) => z.string().refine((v) => !/[\r\n\0]/.test(v), { message: `${what} must not contain line breaks` });

/** One-line text fields, "" when left out; `tooLong` says what is wrong past `max` characters. */
export function textFields(tooLong: (what: string, max: number) => string) {
  const text = (what: string, max: number) =>
    noBreaks(what)
      .pipe(z.string().trim().max(max, tooLong(what, max)))
      .default('');
  return {
    text,
    duration: (what: string, example: string) =>
      text(what, 32).refine((v) => !v || parseDuration(v) !== null, { message: `${what} must be a duration like ${example}` }),
    size: (what: string, example: string) => text(what, 32).refine((v) => !v || parseBytes(v) !== null, { message: `${what} must be a size like ${example}` }),
    /** `shape` ends the message: "CPUs must be <shape>". */
    cpus: (what: string, shape: string) =>
      text(what, 16).refine((v) => !v || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) <= 1024), { message: `${what} must be ${shape}` }),
  };
}

/** A command line as text (split like a shell splits words, never run by one) or as an argument array. */
export const words = (what: string) =>
  z
    .union([z.string(), z.array(z.string().max(8192, `${what} argument is too long`))])
    .optional()
    .transform((v, ctx): string[] => {
      if (v === undefined) return [];
      if (Array.isArray(v)) return v;
      const r = splitWords(v);
      if ('error' in r) {
        ctx.addIssue({ code: 'custom', message: `${what}: ${r.error}` });
        return z.NEVER;
      }
      return r.words;
    });

/** A list typed as "A, B C" (or split by `sep`, e.g. one per line) or sent as an array. */
export const list = (sep: RegExp = /[\s,]+/) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(sep)).map((s) => s.trim()).filter(Boolean));

/** Whole numbers typed into a text box or sent as numbers; "" means "the Engine's default". */
export const count = (what: string, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => String(v ?? '').trim())
    .refine((v) => !v || (/^\d+$/.test(v) && Number(v) <= max), { message: `${what} must be a whole number from 0 to ${max}` });

/** Rows of key/value; a duplicate key is refused at the row, since the Engine would silently keep one. `why` follows the line-break message. */
export const rows = (what: string, key: z.ZodType<string>, why = '') =>
  z
    .array(
      z.object({
        key,
        value: z
          .string()
          .max(32_768, `${what} value is too long`)
          .refine((v) => !/[\r\n\0]/.test(v), { message: `${what} value must not contain line breaks${why}` }),
      }),
    )
    .default([])
    .superRefine((rs, ctx) => {
      const seen = new Set<string>();
      rs.forEach((r, i) => {
        if (seen.has(r.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `${r.key} is set twice` });
        seen.add(r.key);
      });
    });
export const envKey = z.string().trim().regex(ENV_KEY, 'Variable name may use letters, digits, "_", "." and "-", and must not start with a digit');
export const labelKey = z
  .string()
  .trim()
  .min(1, 'Label key is required')
  .max(255)
  .regex(/^[^=\s]+$/, 'Label keys must not contain "=" or spaces');

const CAP = /^(CAP_)?[A-Z_]+$/i;
/** Capability names, upper-cased; the Engine wants "NET_ADMIN" for a container and "CAP_NET_ADMIN" for a service (`prefix`). */
export const caps = (example: string, prefix: '' | 'CAP_') =>
  list()
    .refine((cs) => cs.every((c) => CAP.test(c)), { message: `Capabilities are names like ${example}` })
    .transform((cs) => cs.map((c) => `${prefix}${c.toUpperCase().replace(/^CAP_/, '')}`));

const IMAGE_REF = /^[a-z0-9]([a-z0-9._/:@-]*[a-zA-Z0-9_])?$/i;
export const image = z
  .string()
  .trim()
  .min(1, 'Image is required')
  .max(512)
  .regex(IMAGE_REF, 'Image must be a reference like nginx:1.27 or registry.example.com/team/app:2');

/** Networks to join by name, each with its aliases. */
export const networks = z
  .array(
    z.object({
      name: z
        .string()
        .trim()
        .min(1, 'Network name is required')
        .max(255)
        .regex(/^[^\s/]+$/, 'Network name must not contain spaces or "/"'),
      aliases: list(),
    }),
  )
  .default([]);
