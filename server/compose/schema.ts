import { z } from 'zod';
import { BerthHealthSchema } from '@/lib/schemas/health';
import { hostKeyShapes } from './host-keys';
import { resourceKeyShapes } from './resource-keys';
import { serviceExtraShapes } from './service-keys';
import {
  byteSize,
  duration,
  envFile,
  healthcheck,
  logging,
  mapOrList,
  NetworkSchema,
  resourceSet,
  restart,
  str,
  stringOrList,
  strList,
  VolumeSchema,
} from './shapes';

/**
 * The shapes of the supported compose keys (after interpolation). Objects are not strict here because unknown and
 * unsupported keys are reported by keys.ts, by name, in one message; this schema only judges the values.
 */
const portLong = z.object({
  target: z.union([z.number().int(), z.string()]),
  published: z.union([z.number().int(), z.string()]).optional(),
  host_ip: z.string().optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  mode: z.enum(['host', 'ingress']).optional(),
  name: z.string().optional(),
  app_protocol: z.string().optional(),
});

const volumeLong = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs']),
  source: z.string().optional(),
  target: z.string(),
  read_only: z.boolean().optional(),
  volume: z.object({ nocopy: z.boolean().optional() }).optional(),
  bind: z.object({ propagation: z.string().optional(), create_host_path: z.boolean().optional() }).optional(),
  tmpfs: z.object({ size: byteSize.optional(), mode: z.number().optional() }).optional(),
});

const deploy = z.object({
  replicas: z.number().int().min(0).max(100).optional(),
  resources: z.object({ limits: resourceSet.optional(), reservations: resourceSet.optional() }).optional(),
  update_config: z
    .object({
      parallelism: z.number().int().min(0).optional(),
      delay: duration.optional(),
      order: z.enum(['stop-first', 'start-first']).optional(),
      failure_action: z.enum(['continue', 'rollback', 'pause']).optional(),
      monitor: duration.optional(),
      max_failure_ratio: z.number().optional(),
    })
    .optional(),
  restart_policy: z
    .object({
      condition: z.enum(['none', 'on-failure', 'any']).optional(),
      delay: duration.optional(),
      max_attempts: z.number().int().optional(),
      window: duration.optional(),
    })
    .optional(),
});

/** `build: ./dir` or the long form; other build keys are reported by keys.ts as unsupported, by name. */
const build = z.union([
  z.string().min(1, 'build must name a context folder, e.g. build: .'),
  z.object({
    context: z.string().min(1, 'build.context must not be empty').optional(),
    dockerfile: z.string().min(1, 'build.dockerfile must not be empty').optional(),
    args: mapOrList.optional(),
    target: z.string().optional(),
    labels: mapOrList.optional(),
  }),
]);

export const ServiceSchema = z
  .object({
    image: z.string().min(1, 'image must not be empty').optional(),
    build: build.optional(),
    command: stringOrList.nullable().optional(),
    entrypoint: stringOrList.nullable().optional(),
    environment: mapOrList.optional(),
    env_file: envFile.optional(),
    ports: z.array(z.union([str, portLong])).optional(),
    expose: strList.optional(),
    volumes: z.array(z.union([z.string(), volumeLong])).optional(),
    networks: z
      .union([z.array(z.string()), z.record(z.string(), z.object({ aliases: strList.optional(), ipv4_address: z.string().optional() }).nullable())])
      .optional(),
    depends_on: z
      .union([
        z.array(z.string()),
        z.record(
          z.string(),
          z.object({
            condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']).default('service_started'),
            restart: z.boolean().optional(),
            required: z.boolean().optional(),
          }),
        ),
      ])
      .optional(),
    restart: restart.optional(),
    labels: mapOrList.optional(),
    healthcheck: healthcheck.optional(),
    deploy: deploy.optional(),
    scale: z.number().int().min(0).max(100).optional(),
    user: str.optional(),
    working_dir: z.string().optional(),
    hostname: z.string().optional(),
    extra_hosts: mapOrList.optional(),
    cap_add: z.array(z.string()).optional(),
    cap_drop: z.array(z.string()).optional(),
    logging: logging.optional(),
    tty: z.boolean().optional(),
    stdin_open: z.boolean().optional(),
    links: z.array(z.string()).optional(),
    stop_signal: z.string().optional(),
    stop_grace_period: duration.optional(),
    /** Berth's external health check (server/health); an `x-` key, so compose tools ignore it */
    'x-berth-healthcheck': BerthHealthSchema.optional(),
    ...hostKeyShapes,
    ...resourceKeyShapes,
    ...serviceExtraShapes,
  })
  .superRefine((s, ctx) => {
    if (s.image === undefined && s.build === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['image'],
        message: 'image is required: every service runs an image that is on the host or can be pulled, or builds one with build:',
      });
    }
  });
export type RawService = z.infer<typeof ServiceSchema>;

export const FileSchema = z.object({
  version: str.optional(),
  name: z.string().optional(),
  services: z.record(z.string(), ServiceSchema),
  networks: z.record(z.string(), NetworkSchema).nullable().optional(),
  volumes: z.record(z.string(), VolumeSchema).nullable().optional(),
});
export type RawFile = z.infer<typeof FileSchema>;
