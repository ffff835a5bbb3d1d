import { defaultBuildImage, normalizeBuild } from './build-spec';
import { composeV2Hash } from './v2-hash';
import { namespaceServices, normalizeHost } from './host-keys';
import type { ComposeModel, DependsCondition, HealthSpec, NetworkSpec, ServiceSpec, VolumeSpec } from './model';
import { readEnvFiles } from './env-files';
import { toMap } from './key-values';
import { normalizeVolumes } from './mounts';
import { normalizePorts } from './ports';
import type { Report } from './report';
import { parseDotenv } from './interpolate';
import { normalizeResourceKeys } from './resource-keys';
import { normalizePullPolicy, normalizeServiceExtra, profiledServices, volumesFromServices } from './service-keys';
import type { RawFile, RawService } from './schema';
import { parseBytes, parseDuration, shellSplit } from './units';

/**
 * RawFile (validated shapes) → ComposeModel, reporting cross-references that do not resolve. `project` names the
 * image of a service that builds without `image:` (the stack's name; else the file's `name:`).
 */
export function normalize(
  raw: RawFile,
  legacy: boolean,
  env: Record<string, string>,
  files: Record<string, string>,
  report: Report,
  project?: string,
): ComposeModel {
  const volumes: Record<string, VolumeSpec> = {};
  for (const [k, v] of Object.entries(raw.volumes ?? {})) {
    const ext = v?.external;
    volumes[k] = {
      name: typeof ext === 'object' ? ext.name : (v?.name ?? null),
      external: !!ext,
      driver: v?.driver ?? null,
      driverOpts: toMap(v?.driver_opts as Record<string, unknown>),
      labels: toMap(v?.labels),
    };
  }
  const networks: Record<string, NetworkSpec> = {};
  for (const [k, n] of Object.entries(raw.networks ?? {})) {
    const ext = n?.external;
    networks[k] = {
      name: typeof ext === 'object' ? ext.name : (n?.name ?? null),
      external: !!ext,
      driver: n?.driver ?? null,
      driverOpts: toMap(n?.driver_opts as Record<string, unknown>),
      labels: toMap(n?.labels),
      internal: !!n?.internal,
      attachable: !!n?.attachable,
    };
  }
  const services: Record<string, ServiceSpec> = {};
  const declaredVolumes = new Set(Object.keys(volumes));
  const skipped = profiledServices(raw.services);
  const names = Object.keys(raw.services);
  for (const [name, s] of Object.entries(raw.services)) {
    const base = legacy ? [name] : ['services', name];
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) report(base, `service name "${name}" may use letters, digits, "_", "." and "-" only`);
    if (skipped[name]) continue;
    services[name] = service(name, s, env, files, declaredVolumes, names, report, base);
    if (s.build !== undefined) {
      services[name].build = normalizeBuild(s.build, env, report, [...base, 'build']);
      services[name].image = s.image ?? defaultBuildImage(project ?? raw.name ?? 'stack', name);
    }
    const pull = normalizePullPolicy(s, name, report, base);
    if (pull) services[name].pullPolicy = pull;
    // v2 reads no version-1 files, so there is no v2 hash to agree with
    const v2 = legacy ? null : composeV2Hash(s, services[name]);
    if (v2) services[name].composeHash = v2;
  }
  // Every service joins "default" unless it names networks; "default" exists only if someone uses it.
  const usesDefault = Object.values(services).some((s) => 'default' in s.networks);
  if (usesDefault && !networks.default)
    networks.default = { name: null, external: false, driver: null, driverOpts: {}, labels: {}, internal: false, attachable: false };
  for (const s of Object.values(services)) {
    const base = legacy ? [s.name] : ['services', s.name];
    for (const n of Object.keys(s.networks))
      if (!networks[n]) report([...base, 'networks'], `network "${n}" is used by ${s.name} but not declared under the top-level networks:`);
    for (const d of Object.keys(s.dependsOn)) {
      if (skipped[d])
        report(
          [...base, 'depends_on'],
          `${s.name} needs "${d}", which has profiles (${skipped[d].join(', ')}) and so is not deployed (Berth activates no profiles); remove profiles from ${d} or the reference from ${s.name}`,
        );
      else if (!services[d]) report([...base, 'depends_on'], `${s.name} depends on "${d}", which is not a service in this file`);
    }
    for (const l of s.links)
      if (!services[l.service] && !skipped[l.service]) report([...base, 'links'], `${s.name} links to "${l.service}", which is not a service in this file`);
  }
  const cycle = findCycle(services);
  if (cycle) report([], `services depend on each other in a circle: ${cycle.join(' → ')}`);
  return { name: raw.name ?? null, legacy, services, networks, volumes, ...(Object.keys(skipped).length ? { skippedProfiles: skipped } : {}) };
}

function service(
  name: string,
  s: RawService,
  env: Record<string, string>,
  files: Record<string, string>,
  declared: Set<string>,
  names: string[],
  report: Report,
  base: (string | number)[],
): ServiceSpec {
  const fromFiles: Record<string, string> = {};
  for (const text of readEnvFiles(s.env_file, files, report, [...base, 'env_file'])) Object.assign(fromFiles, parseDotenv(text).env);
  const command = (v: RawService['command'], key: string) => {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return v;
    const words = shellSplit(v);
    if (!words) report([...base, key], `${key} has an unclosed quote`);
    return words ?? [];
  };
  const links = (s.links ?? []).map((l) => {
    const [svc, alias] = l.split(':');
    return { service: svc, alias: alias ?? svc };
  });
  const dependsOn: Record<string, DependsCondition> = {};
  if (Array.isArray(s.depends_on)) for (const d of s.depends_on) dependsOn[d] = 'service_started';
  else for (const [d, v] of Object.entries(s.depends_on ?? {})) dependsOn[d] = v.condition;
  // links imply start order, as in compose
  for (const l of links) dependsOn[l.service] ??= 'service_started';
  const host = normalizeHost(s, report, base);
  // network_mode replaces the service's networks (compose refuses both); `service:` modes start after that service
  for (const d of namespaceServices(host)) dependsOn[d] ??= 'service_started';
  const extra = normalizeServiceExtra(s, names, report, base);
  for (const d of volumesFromServices(extra)) dependsOn[d] ??= 'service_started';
  if (host?.networkMode && s.networks) report([...base, 'network_mode'], `${name} sets both network_mode and networks; use one of them`);
  const networks: ServiceSpec['networks'] = {};
  if (host?.networkMode) {
    // no project network: the container uses the mode's network stack
  } else if (!s.networks) networks.default = { aliases: [] };
  else if (Array.isArray(s.networks)) for (const n of s.networks) networks[n] = { aliases: [] };
  else for (const [n, v] of Object.entries(s.networks)) networks[n] = { aliases: v?.aliases ?? [] };
  const limits = s.deploy?.resources?.limits;
  const reservations = s.deploy?.resources?.reservations;
  const uc = s.deploy?.update_config;
  const dur = (v: string | number | undefined, key: string): number => {
    if (v === undefined) return 0;
    const ns = parseDuration(v);
    if (ns === null) report([...base, key], `${key} "${v}" is not a duration like 30s, 1m30s or 500ms`);
    return ns ?? 0;
  };
  const bytes = (v: string | number | undefined, key: string): number | null => {
    if (v === undefined) return null;
    const b = parseBytes(v);
    if (b === null) report([...base, key], `${key} "${v}" is not a size like 512m or 1g`);
    return b;
  };
  const hc = s.healthcheck;
  const test = hc?.test === undefined ? null : typeof hc.test === 'string' ? ['CMD-SHELL', hc.test] : hc.test;
  const disabled = !!hc?.disable || test?.[0] === 'NONE';
  const health: HealthSpec | null =
    hc && !disabled && test
      ? {
          test,
          interval: dur(hc.interval, 'healthcheck.interval'),
          timeout: dur(hc.timeout, 'healthcheck.timeout'),
          retries: hc.retries ?? 0,
          startPeriod: dur(hc.start_period, 'healthcheck.start_period'),
          ...(hc.start_interval !== undefined ? { startInterval: dur(hc.start_interval, 'healthcheck.start_interval') } : {}),
        }
      : null;
  let restart = s.restart ?? 'no';
  const rp = s.deploy?.restart_policy?.condition;
  if (!s.restart && rp) restart = rp === 'any' ? 'always' : rp === 'none' ? 'no' : 'on-failure';
  const resources: ServiceSpec['resources'] = {
    cpus: limits?.cpus === undefined ? null : Number(limits.cpus),
    memory: bytes(limits?.memory, 'deploy.resources.limits.memory'),
    pids: limits?.pids ?? null,
    reservationCpus: reservations?.cpus === undefined ? null : Number(reservations.cpus),
    reservationMemory: bytes(reservations?.memory, 'deploy.resources.reservations.memory'),
  };
  const resourceKeys = normalizeResourceKeys(s, resources, report, base);
  const replicas = s.deploy?.replicas ?? s.scale ?? 1;
  // compose refuses this too: every replica would need the same name
  if (s.container_name && replicas > 1)
    report(
      [...base, 'container_name'],
      `${name} sets container_name "${s.container_name}", so it cannot run ${replicas} replicas (container names are unique); remove container_name or keep 1 replica`,
    );
  const grace = s.stop_grace_period === undefined ? null : dur(s.stop_grace_period, 'stop_grace_period') / 1e9;
  return {
    name,
    image: s.image ?? '',
    command: command(s.command, 'command'),
    entrypoint: command(s.entrypoint, 'entrypoint'),
    environment: { ...fromFiles, ...toMap(s.environment, env) },
    ports: normalizePorts(s.ports, report, [...base, 'ports']),
    expose: s.expose ?? [],
    volumes: normalizeVolumes(s.volumes, declared, report, [...base, 'volumes']),
    networks,
    dependsOn,
    restart,
    labels: toMap(s.labels),
    healthcheck: health,
    healthcheckDisabled: disabled,
    replicas,
    resources,
    updateConfig: uc
      ? {
          parallelism: uc.parallelism ?? 1,
          delay: dur(uc.delay, 'deploy.update_config.delay'),
          order: uc.order ?? 'stop-first',
          failureAction: uc.failure_action ?? 'pause',
        }
      : null,
    user: s.user ?? null,
    workingDir: s.working_dir ?? null,
    hostname: s.hostname ?? null,
    extraHosts: Object.entries(
      toMap(s.extra_hosts, {}, s.extra_hosts && Array.isArray(s.extra_hosts) && s.extra_hosts.some((h) => h.includes('=')) ? '=' : ':'),
    ).map(([h, ip]) => `${h}:${ip}`),
    capAdd: s.cap_add ?? [],
    capDrop: s.cap_drop ?? [],
    logging: s.logging ? { driver: s.logging.driver ?? 'json-file', options: toMap(s.logging.options as Record<string, unknown>) } : null,
    tty: !!s.tty,
    stdinOpen: !!s.stdin_open,
    links,
    stopSignal: s.stop_signal ?? null,
    stopGracePeriod: grace,
    ...(s['x-berth-healthcheck'] ? { berthHealth: s['x-berth-healthcheck'] } : {}),
    ...(host ? { host } : {}),
    ...(s.container_name ? { containerName: s.container_name } : {}),
    ...(resourceKeys ? { resourceKeys } : {}),
    ...(extra ? { extra } : {}),
  };
}

/** A dependency circle (depends_on and links), as the names around it, or null. */
export function findCycle(services: Record<string, ServiceSpec>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done' || !services[n]) return null;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of Object.keys(services[n].dependsOn)) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of Object.keys(services)) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}
