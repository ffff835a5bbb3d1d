import { z } from 'zod';

/** The most lines one request may ask for by number; "all" is still allowed for downloads of a whole log. */
export const MAX_TAIL = 1_000_000;
export const DEFAULT_TAIL = 1000;

const flag = (what: string) =>
  z
    .enum(['1', '0', 'true', 'false', ''], { message: `${what} must be 1 or 0` })
    .optional()
    .transform((v) => v === '1' || v === 'true');

const DURATION = /^(\d{1,9})(s|m|h|d)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/**
 * A point in time as the user may write it: an ISO date-time ("2026-11-22T20:30:00Z", or without a zone, read as
 * UTC), unix seconds ("1763843400.5"), or a duration back from now ("10m", "2h", "1d"). Turned into unix seconds,
 * which is what the Engine's /logs accepts.
 */
export function toUnixSeconds(v: string, now = Date.now()): number | null {
  const s = v.trim();
  if (/^\d{1,12}(\.\d{1,9})?$/.test(s)) return Number(s);
  const d = DURATION.exec(s);
  if (d) return (now - Number(d[1]) * UNIT_SECONDS[d[2] as keyof typeof UNIT_SECONDS] * 1000) / 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/.test(s)) return null;
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

const instant = (what: string) =>
  z
    .string()
    .max(40, `${what} is too long`)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const t = toUnixSeconds(v);
      if (t === null) {
        ctx.addIssue({ code: 'custom', message: `${what} must be a date-time like 2026-11-22T20:30:00Z, unix seconds, or a duration like 10m` });
        return z.NEVER;
      }
      return t;
    });

/** Query of GET /api/v1/hosts/{id}/containers/{cid}/logs; every field arrives as a string. */
export const LogsQuerySchema = z
  .object({
    /** how many lines from the end: a number, or "all" */
    tail: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return DEFAULT_TAIL;
        if (v === 'all') return 'all' as const;
        if (!/^\d{1,7}$/.test(v) || Number(v) > MAX_TAIL) {
          ctx.addIssue({ code: 'custom', message: `tail must be "all" or a whole number from 0 to ${MAX_TAIL}` });
          return z.NEVER;
        }
        return Number(v);
      }),
    since: instant('since'),
    until: instant('until'),
    /** include each line's Engine timestamp (RFC 3339, nanoseconds) */
    timestamps: flag('timestamps'),
    /** keep the stream open and send new lines as they are written */
    follow: flag('follow'),
    /** answer as a plain-text file (never follows) */
    download: flag('download'),
  })
  .strict()
  .refine((q) => q.since === undefined || q.until === undefined || q.until > q.since, {
    message: 'until must be later than since',
    path: ['until'],
  });
export type LogsQuery = z.output<typeof LogsQuerySchema>;

/** For the OpenAPI document: the same fields as they arrive on the wire. */
export const LogsQueryDoc = z.object({
  tail: z.string().optional().describe(`Lines from the end: a number up to ${MAX_TAIL}, or "all" (default ${DEFAULT_TAIL})`),
  since: z.string().optional().describe('Only lines at or after: ISO date-time, unix seconds, or a duration back from now (10m, 2h)'),
  until: z.string().optional().describe('Only lines before: same forms as since'),
  timestamps: z.enum(['1', '0']).optional().describe("Include each line's timestamp"),
  follow: z.enum(['1', '0']).optional().describe('Keep streaming new lines (server-sent events)'),
  download: z.enum(['1', '0']).optional().describe('Answer as a text/plain attachment'),
});
