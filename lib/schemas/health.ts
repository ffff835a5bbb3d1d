import { z } from 'zod';

/**
 * Berth's external health check of a service, written under the service as the compose extension key
 * `x-berth-healthcheck` (compose tools ignore `x-` keys, so the file still works with the compose CLI). The
 * parameters and defaults are Rancher 1.x's; times are milliseconds.
 */
export const HEALTH_KEY = 'x-berth-healthcheck';

const ms = (label: string, min: number, def: number) =>
  z
    .number({ error: `${label} must be a number of milliseconds` })
    .int(`${label} must be a whole number of milliseconds`)
    .min(min, `${label} must be at least ${min} ms`)
    .max(3_600_000, `${label} must be at most one hour`)
    .default(def);

export const BerthHealthSchema = z
  .object({
    type: z.enum(['http', 'tcp'], { error: 'type must be http or tcp' }).default('http'),
    port: z.number({ error: 'port is required: the container port to check' }).int().min(1, 'port must be 1-65535').max(65535, 'port must be 1-65535'),
    path: z.string().startsWith('/', 'path must start with /').max(500).default('/'),
    interval: ms('interval', 500, 2000),
    response_timeout: ms('response_timeout', 100, 2000),
    healthy_threshold: z.number().int().min(1).max(100).default(2),
    unhealthy_threshold: z.number().int().min(1).max(100).default(3),
    initializing_timeout: ms('initializing_timeout', 0, 60_000),
    strategy: z.enum(['none', 'recreate'], { error: 'strategy must be none or recreate' }).default('none'),
  })
  .strict();

export type BerthHealthSpec = z.output<typeof BerthHealthSchema>;
export type BerthHealthInput = z.input<typeof BerthHealthSchema>;
