import { HOST_KEYS } from './host-keys';
import { RESOURCE_KEYS } from './resource-keys';
import { SERVICE_EXTRA_KEYS } from './service-keys';

const MAPPED = [...HOST_KEYS, ...RESOURCE_KEYS, ...SERVICE_EXTRA_KEYS];

/**
 * Which keys of the compose specification Berth deploys, and which it knows but does not support. A key in the
 * second list is reported by name in one error; a key in neither is an unknown key (a typo, most often). Nothing is
 * ignored silently except `x-*` extension fields, which the specification itself says tools ignore.
 */

export const TOP_SUPPORTED = ['version', 'name', 'services', 'networks', 'volumes'];
export const TOP_UNSUPPORTED = ['configs', 'secrets', 'include', 'models'];

export const SERVICE_SUPPORTED = [
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'expose',
  'volumes',
  'networks',
  'depends_on',
  'restart',
  'labels',
  'healthcheck',
  'deploy',
  'scale',
  'user',
  'working_dir',
  'hostname',
  'extra_hosts',
  'cap_add',
  'cap_drop',
  'logging',
  'tty',
  'stdin_open',
  'links',
  'stop_signal',
  'stop_grace_period',
  ...MAPPED,
];
export const SERVICE_UNSUPPORTED = [
  'annotations',
  'attach',
  'blkio_config',
  'cgroup',
  'cgroup_parent',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_shares',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_runtime',
  'cpu_rt_period',
  'cpus',
  'cpuset',
  'credential_spec',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'driver_opts',
  'extends',
  'external_links',
  'gpus',
  'group_add',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'post_start',
  'pre_stop',
  'privileged',
  'profiles',
  'provider',
  'pull_policy',
  'read_only',
  'runtime',
  'secrets',
  'security_opt',
  'shm_size',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'ulimits',
  'use_api_socket',
  'userns_mode',
  'uts',
  'volumes_from',
  // version-1/2 only keys
  'log_driver',
  'log_opt',
  'net',
  'mem_swappiness',
  'cpu_quota',
].filter((k) => !MAPPED.includes(k));

export const DEPLOY_SUPPORTED = ['replicas', 'resources', 'update_config', 'restart_policy'];
export const DEPLOY_UNSUPPORTED = ['mode', 'placement', 'endpoint_mode', 'labels', 'rollback_config'];

export const BUILD_SUPPORTED = ['context', 'dockerfile', 'args', 'target', 'labels'];
export const BUILD_UNSUPPORTED = [
  'ssh',
  'secrets',
  'cache_from',
  'cache_to',
  'platforms',
  'network',
  'shm_size',
  'extra_hosts',
  'isolation',
  'privileged',
  'no_cache',
  'pull',
  'tags',
  'additional_contexts',
  'dockerfile_inline',
  'entitlements',
  'ulimits',
];

export const NETWORK_SUPPORTED = ['name', 'external', 'driver', 'driver_opts', 'labels', 'internal', 'attachable'];
export const NETWORK_UNSUPPORTED = ['ipam', 'enable_ipv4', 'enable_ipv6'];
export const VOLUME_SUPPORTED = ['name', 'external', 'driver', 'driver_opts', 'labels'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface KeyProblem {
  path: (string | number)[];
  key: string;
  kind: 'unsupported' | 'unknown';
}

/** Walks the (interpolated, not yet validated) file and collects every unsupported or unknown key with its path. */
export function keyProblems(file: Obj, legacy: boolean): KeyProblem[] {
  const out: KeyProblem[] = [];
  const check = (obj: unknown, path: (string | number)[], ok: string[], known: string[]) => {
    if (!isObj(obj)) return;
    for (const k of Object.keys(obj)) {
      if (k.startsWith('x-') || ok.includes(k)) continue;
      out.push({ path: [...path, k], key: k, kind: known.includes(k) ? 'unsupported' : 'unknown' });
    }
  };
  const services = legacy ? file : file.services;
  if (!legacy) check(file, [], TOP_SUPPORTED, TOP_UNSUPPORTED);
  if (isObj(services)) {
    for (const [name, svc] of Object.entries(services)) {
      if (name.startsWith('x-')) continue;
      const base = legacy ? [name] : ['services', name];
      check(svc, base, SERVICE_SUPPORTED, SERVICE_UNSUPPORTED);
      if (isObj(svc) && isObj(svc.deploy)) check(svc.deploy, [...base, 'deploy'], DEPLOY_SUPPORTED, DEPLOY_UNSUPPORTED);
      if (isObj(svc) && isObj(svc.build)) check(svc.build, [...base, 'build'], BUILD_SUPPORTED, BUILD_UNSUPPORTED);
    }
  }
  if (!legacy && isObj(file.networks)) {
    for (const [name, n] of Object.entries(file.networks)) check(n, ['networks', name], NETWORK_SUPPORTED, NETWORK_UNSUPPORTED);
  }
  if (!legacy && isObj(file.volumes)) {
    for (const [name, v] of Object.entries(file.volumes)) check(v, ['volumes', name], VOLUME_SUPPORTED, []);
  }
  return out;
}
