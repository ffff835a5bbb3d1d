import { z } from 'zod';

/** A service as the Engine names it: its id (or a unique prefix) or its name. */
export const ServiceRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Service must be a service id (or unique prefix) or name: letters, digits, dots, dashes and underscores');

/** The most replicas one scale may ask for: far past any real swarm, low enough that a typo cannot flood it. */
export const MAX_REPLICAS = 1000;

/** Body of POST /api/v1/hosts/{id}/swarm/services/{sid}/scale. */
export const ServiceScaleSchema = z
  .object({
    replicas: z
      .number({ message: 'replicas must be a whole number' })
      .int('replicas must be a whole number')
      .min(0, 'replicas must be 0 or more (0 stops every task and keeps the service)')
      .max(MAX_REPLICAS, `replicas must be at most ${MAX_REPLICAS}`),
  })
  .strict();
export type ServiceScale = z.infer<typeof ServiceScaleSchema>;

/** Query of GET …/services/{sid}/tasks: all tasks (with the shut-down history Swarm keeps), or only those meant to run. */
export const ServiceTasksQuerySchema = z
  .object({ all: z.enum(['1', '0', 'true', 'false', ''], { message: 'all must be 1 or 0' }).optional() })
  .strict()
  .transform((q) => ({ all: q.all === undefined || q.all === '' || q.all === '1' || q.all === 'true' }));
