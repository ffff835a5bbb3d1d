import { z } from 'zod';

/** Start a rolling upgrade of one service (Rancher's two-phase upgrade: old containers wait, stopped, for Finish or Rollback). */
export const StackUpgradeSchema = z
  .object({
    service: z.string().min(1, 'Service is required'),
    batchSize: z.number({ error: 'Batch size must be a number' }).int().min(1, 'Batch size must be at least 1').max(100).default(1),
    intervalMs: z.number({ error: 'Interval must be a number of milliseconds' }).int().min(0).max(600_000, 'Interval is at most 10 minutes').default(2000),
    startFirst: z.boolean().default(false).describe('start the new container before stopping the old one'),
    image: z.string().trim().min(1).max(500).optional().describe('the new image; rewrites the service image in the stored file'),
    compose: z.string().max(1_048_576).optional().describe('a whole new compose file (only this service is upgraded)'),
    env: z.string().max(262_144).optional(),
    wait: z.boolean().default(false),
  })
  .strict();
export type StackUpgrade = z.output<typeof StackUpgradeSchema>;

export const StackUpgradeEndSchema = z.object({ wait: z.boolean().default(true) }).strict();
export type StackUpgradeEnd = z.output<typeof StackUpgradeEndSchema>;
