import { z } from 'zod';

/**
 * Value shapes a compose file has the same way whether it is deployed as a compose stack (schema.ts) or as a Swarm
 * stack (server/swarm/stack-schema.ts): each judged once, so the two readings of a file cannot drift apart on them.
 */

export const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const str = z.union([z.string(), z.number()]).transform(String);
export const strList = z.array(str);
/** `KEY=value` list or map; map values may be numbers, booleans or null (null: take from the .env). */
export const mapOrList = z.union([z.array(str), z.record(z.string(), scalar.nullable())]);
export const stringOrList = z.union([z.string(), strList]);
export const duration = z.union([z.string(), z.number()]);
export const byteSize = z.union([z.string(), z.number()]);
export const externalFlag = z.union([z.boolean(), z.object({ name: z.string() })]);

export const healthcheck = z.object({
  test: stringOrList.optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().min(0).optional(),
  start_period: duration.optional(),
  start_interval: duration.optional(),
  disable: z.boolean().optional(),
});

export const resourceSet = z.object({ cpus: z.union([z.string(), z.number()]).optional(), memory: byteSize.optional(), pids: z.number().int().optional() });

export const envFile = z.union([z.string(), z.array(z.union([z.string(), z.object({ path: z.string(), required: z.boolean().optional() })]))]);

export const restart = z
  .string()
  .regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/, 'restart must be no, always, unless-stopped or on-failure[:max-retries]');

export const logging = z.object({ driver: z.string().optional(), options: z.record(z.string(), scalar.nullable()).optional() });

/** A top-level volume's keys; a network has these and two more. */
const volumeKeys = {
  name: z.string().optional(),
  external: externalFlag.optional(),
  driver: z.string().optional(),
  driver_opts: z.record(z.string(), scalar).optional(),
  labels: mapOrList.optional(),
};

export const VolumeSchema = z.object(volumeKeys).nullable();

/** A top-level network: the same keys in both (a Swarm stack's default driver is overlay, set when converting). */
export const NetworkSchema = z.object({ ...volumeKeys, internal: z.boolean().optional(), attachable: z.boolean().optional() }).nullable();
