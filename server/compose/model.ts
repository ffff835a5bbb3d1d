import type { BerthHealthSpec } from '@/lib/schemas/health';
import type { HostSpec } from './host-keys';
import type { ResourceKeysSpec } from './resource-keys';
import type { PullPolicy, ServiceExtraSpec } from './service-keys';

/**
 * The normalized compose model: every short/long/list/map spelling of the file reduced to one typed shape, so the
 * planner, the hash and the create options never see YAML variants.
 */

export type DependsCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface PortSpec {
  /** container port */
  target: number;
  /** host port; null publishes on an ephemeral port, undefined-free so the hash is stable */
  published: number | null;
  hostIp: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export type MountSpec =
  | { type: 'volume'; source: string | null; target: string; readOnly: boolean; nocopy: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string; size: number | null };

export interface HealthSpec {
  test: string[];
  /** nanoseconds, as the Engine wants them; 0 = Engine default */
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  /** healthcheck.start_interval (API 1.44, Engine 25+); left out when not set, so older files hash as before */
  startInterval?: number;
}

export interface ResourcesSpec {
  cpus: number | null;
  memory: number | null;
  pids: number | null;
  reservationCpus: number | null;
  reservationMemory: number | null;
}

export interface UpdateConfigSpec {
  parallelism: number;
  /** nanoseconds between batches */
  delay: number;
  order: 'stop-first' | 'start-first';
  failureAction: string;
}

/** `build:` of a service (server/compose/build-spec.ts): where the context comes from and how to build it. */
export interface BuildSpec {
  /** "." or "./web": a folder of the stack's uploaded folder archive; "/srv/app": a directory on the Berth server */
  context: string;
  /** relative to the context; null = Dockerfile */
  dockerfile: string | null;
  args: Record<string, string>;
  target: string | null;
  labels: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  /** `image:`, or for a service with `build:` and no image the name compose 1.29 gives it: `<project>_<service>` */
  image: string;
  /** present when the service has `build:` */
  build?: BuildSpec;
  command: string[] | null;
  entrypoint: string[] | null;
  environment: Record<string, string>;
  ports: PortSpec[];
  expose: string[];
  volumes: MountSpec[];
  /** network key in the file → aliases */
  networks: Record<string, { aliases: string[] }>;
  dependsOn: Record<string, DependsCondition>;
  restart: string;
  labels: Record<string, string>;
  healthcheck: HealthSpec | null;
  /** healthcheck: disable: true (or test NONE), which turns off the image's own check */
  healthcheckDisabled: boolean;
  replicas: number;
  resources: ResourcesSpec;
  updateConfig: UpdateConfigSpec | null;
  user: string | null;
  workingDir: string | null;
  hostname: string | null;
  extraHosts: string[];
  capAdd: string[];
  capDrop: string[];
  logging: { driver: string; options: Record<string, string> } | null;
  tty: boolean;
  stdinOpen: boolean;
  /** links: other service and the alias it is reached by */
  links: { service: string; alias: string }[];
  stopSignal: string | null;
  /** seconds */
  stopGracePeriod: number | null;
  /** x-berth-healthcheck: Berth's external health check (server/health); absent when the service has none */
  berthHealth?: BerthHealthSpec;
  /** privileged, namespaces, devices, kernel knobs (host-keys.ts); absent when the service sets none */
  host?: HostSpec;
  /** container_name: replica 1's exact name (such a service cannot scale); absent when not set */
  containerName?: string;
  /** memswap_limit, cpu_shares, cpu_quota, cpu_period, cpuset, oom_* (resource-keys.ts); absent when none is set */
  resourceKeys?: ResourceKeysSpec;
  /** dns_search, dns_opt, domainname, group_add, mac_address, external_links, volumes_from (service-keys.ts) */
  extra?: ServiceExtraSpec;
  /** pull_policy always, never or build; absent for missing/if_not_present (pull only an image the host lacks) */
  pullPolicy?: PullPolicy;
  /** Compose v2's config hash of the service (v2-hash.ts); absent when the service uses a key it does not reproduce */
  composeHash?: string;
}

export interface NetworkSpec {
  /** the name on the host: `<project>_<key>` unless `name:` or external */
  name: string | null;
  external: boolean;
  driver: string | null;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  internal: boolean;
  attachable: boolean;
}

export interface VolumeSpec {
  name: string | null;
  external: boolean;
  driver: string | null;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

export interface ComposeModel {
  /** `name:` in the file, if any (the stack's own name wins) */
  name: string | null;
  /** version-1 file: no `services:` key, top-level keys are services */
  legacy: boolean;
  services: Record<string, ServiceSpec>;
  networks: Record<string, NetworkSpec>;
  volumes: Record<string, VolumeSpec>;
  /** services left out because they have `profiles:` (Berth activates none, as `compose up` without --profile) → their profiles */
  skippedProfiles?: Record<string, string[]>;
}
