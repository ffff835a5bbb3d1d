import { z } from 'zod';

/** GET /api/v1/hosts/{id}/stats?ids=…: the full ids of the list rows on screen, comma-separated. */
export const StatsBatchQuerySchema = z.object({
  ids: z
    .string()
    .max(200 * 65, 'ask for at most 200 containers at once')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[a-f0-9]{64}$/, 'ids must be full 64-character container ids, comma-separated'))
        .max(200, 'ask for at most 200 containers at once'),
    )
    .optional(),
});
export type StatsBatchQuery = z.output<typeof StatsBatchQuerySchema>;
