import { z } from 'zod';
import { SERVICE_SUPPORTED, SERVICE_UNSUPPORTED } from '../compose/keys';
import {
  byteSize,
  duration,
  envFile,
  externalFlag,
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
} from '../compose/shapes';

/**
 * The compose keys a Swarm stack deploys, in the shapes `docker stack deploy` reads them (after interpolation). Kept
 * apart from server/compose/schema.ts: a stack on Swarm takes keys that a compose deploy refuses (deploy.mode,
 * placement, secrets, configs) and ignores keys that a compose deploy acts on (build, depends_on, container_name).
 * The value shapes the two read alike (server/compose/shapes.ts, top-level networks and volumes too) are shared; a
 * service's ports, volumes, networks and deploy differ (a port mode's message, no create_host_path, no ipv4_address,
 * Swarm's deploy keys).
 */

const portLong = z.object({
  target: z.union([z.number().int(), z.string()]),
  published: z.union([z.number().int(), z.string()]).optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  mode: z.enum(['host', 'ingress'], { message: 'port mode must be host or ingress' }).optional(),
  host_ip: z.string().optional(),
  name: z.string().optional(),
  app_protocol: z.string().optional(),
});

const volumeLong = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs']),
  source: z.string().optional(),
  target: z.string(),
  read_only: z.boolean().optional(),
  volume: z.object({ nocopy: z.boolean().optional() }).optional(),
  bind: z.object({ propagation: z.string().optional() }).optional(),
  tmpfs: z.object({ size: byteSize.optional(), mode: z.number().optional() }).optional(),
});

const updateConfig = z
  .object({
    parallelism: z.number().int().min(0).optional(),
    delay: duration.optional(),
    failure_action: z.enum(['continue', 'rollback', 'pause']).optional(),
    monitor: duration.optional(),
    max_failure_ratio: z.number().min(0).max(1).optional(),
    order: z.enum(['stop-first', 'start-first']).optional(),
  })
  .strict();

export const DeploySchema = z
  .object({
    mode: z.enum(['replicated', 'global'], { message: 'deploy.mode must be replicated or global' }).optional(),
    replicas: z.number().int().min(0).optional(),
    labels: mapOrList.optional(),
    endpoint_mode: z.enum(['vip', 'dnsrr'], { message: 'deploy.endpoint_mode must be vip or dnsrr' }).optional(),
    placement: z
      .object({
        constraints: z.array(z.string()).optional(),
        preferences: z.array(z.object({ spread: z.string() }).strict()).optional(),
        max_replicas_per_node: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    resources: z.object({ limits: resourceSet.optional(), reservations: resourceSet.optional() }).strict().optional(),
    restart_policy: z
      .object({
        condition: z.enum(['none', 'on-failure', 'any'], { message: 'restart_policy.condition must be none, on-failure or any' }).optional(),
        delay: duration.optional(),
        max_attempts: z.number().int().min(0).optional(),
        window: duration.optional(),
      })
      .strict()
      .optional(),
    update_config: updateConfig.optional(),
    rollback_config: updateConfig.optional(),
  })
  .strict();

const fileRef = z.union([
  z.string(),
  z.object({ source: z.string(), target: z.string().optional(), uid: str.optional(), gid: str.optional(), mode: z.number().int().optional() }).strict(),
]);

export const StackServiceSchema = z.object({
  image: z.string().min(1, 'image must not be empty'),
  command: stringOrList.nullable().optional(),
  entrypoint: stringOrList.nullable().optional(),
  environment: mapOrList.optional(),
  env_file: envFile.optional(),
  ports: z.array(z.union([str, portLong])).optional(),
  volumes: z.array(z.union([z.string(), volumeLong])).optional(),
  networks: z.union([z.array(z.string()), z.record(z.string(), z.object({ aliases: strList.optional() }).nullable())]).optional(),
  labels: mapOrList.optional(),
  healthcheck: healthcheck.optional(),
  deploy: DeploySchema.optional(),
  restart: restart.optional(),
  user: str.optional(),
  working_dir: z.string().optional(),
  hostname: z.string().optional(),
  extra_hosts: mapOrList.optional(),
  cap_add: z.array(z.string()).optional(),
  cap_drop: z.array(z.string()).optional(),
  logging: logging.optional(),
  tty: z.boolean().optional(),
  stdin_open: z.boolean().optional(),
  stop_signal: z.string().optional(),
  stop_grace_period: duration.optional(),
  secrets: z.array(fileRef).optional(),
  configs: z.array(fileRef).optional(),
  dns: stringOrList.optional(),
  dns_search: stringOrList.optional(),
  init: z.boolean().optional(),
  read_only: z.boolean().optional(),
});
export type RawStackService = z.infer<typeof StackServiceSchema>;

/** A top-level secret or config: exactly one of file, environment, content (configs only) or external. */
export const StackObjectSchema = z.object({
  name: z.string().optional(),
  file: z.string().optional(),
  environment: z.string().optional(),
  content: z.string().optional(),
  external: externalFlag.optional(),
  labels: mapOrList.optional(),
});

export const StackFileSchema = z.object({
  version: str.optional(),
  name: z.string().optional(),
  services: z.record(z.string(), StackServiceSchema),
  networks: z.record(z.string(), NetworkSchema).nullable().optional(),
  volumes: z.record(z.string(), VolumeSchema).nullable().optional(),
  secrets: z.record(z.string(), StackObjectSchema).nullable().optional(),
  configs: z.record(z.string(), StackObjectSchema).nullable().optional(),
});
export type RawStackFile = z.infer<typeof StackFileSchema>;

export const STACK_TOP_KEYS = ['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs'];
export const STACK_SERVICE_KEYS = Object.keys(StackServiceSchema.shape);
/** Compose keys `docker stack deploy` does not act on; it names them and deploys the rest, and so does Berth. */
export const STACK_IGNORED_SERVICE_KEYS = [...new Set([...SERVICE_SUPPORTED, ...SERVICE_UNSUPPORTED])].filter((k) => !STACK_SERVICE_KEYS.includes(k));
export const STACK_NETWORK_KEYS = ['name', 'external', 'driver', 'driver_opts', 'labels', 'internal', 'attachable'];
export const STACK_IGNORED_NETWORK_KEYS = ['ipam', 'enable_ipv4', 'enable_ipv6'];
export const STACK_VOLUME_KEYS = ['name', 'external', 'driver', 'driver_opts', 'labels'];
export const STACK_OBJECT_KEYS = ['name', 'file', 'environment', 'content', 'external', 'labels'];
export const STACK_IGNORED_OBJECT_KEYS = ['template_driver', 'driver', 'driver_opts'];
