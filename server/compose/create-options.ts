import type Docker from 'dockerode';
import { hostConfigOf } from './host-keys';
import type { ComposeModel, ServiceSpec } from './model';
import { configHash, containerLabels, keyDigests, networkLabels, networkName, volumeLabels, volumeName } from './labels';
import { resourceHostConfig } from './resource-keys';
import { extraCreateOptions, replicaName } from './service-keys';

export interface ContainerPlanOptions {
  /** the create options sent to the Engine (policy checks run on exactly these) */
  create: Docker.ContainerCreateOptions;
  /** networks beyond the first, connected after create (API 1.41 takes one network at create) */
  extraNetworks: { name: string; aliases: string[]; links: string[] }[];
}

const restartPolicy = (r: string): Docker.HostRestartPolicy => {
  const [name, max] = r.split(':');
  return { Name: name === 'no' ? '' : name, MaximumRetryCount: max ? Number(max) : 0 };
};

/** One replica's create options, pure: the same spec, project and number always give the same options. */
export function containerOptions(project: string, model: ComposeModel, s: ServiceSpec, n: number, nameOverride?: string): ContainerPlanOptions {
  const name = nameOverride ?? replicaName(project, model, s.name, n);
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of s.ports) {
    const key = `${p.target}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.published === null ? '' : String(p.published) });
  }
  for (const e of s.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const mounts: Docker.MountSettings[] = s.volumes.map((v) => {
    if (v.type === 'tmpfs') return { Type: 'tmpfs', Target: v.target, ...(v.size ? { TmpfsOptions: { SizeBytes: v.size } } : {}) } as Docker.MountSettings;
    if (v.type === 'bind') return { Type: 'bind', Source: v.source, Target: v.target, ReadOnly: v.readOnly };
    return {
      Type: 'volume',
      Source: v.source ? volumeName(project, model, v.source) : '',
      Target: v.target,
      ReadOnly: v.readOnly,
      ...(v.nocopy ? { VolumeOptions: { NoCopy: true } } : {}),
    } as Docker.MountSettings;
  });
  // Links become endpoint links on the project network (the Engine turns them into aliases there), as compose does.
  const extra = extraCreateOptions(project, model, s);
  const links = [...s.links.map((l) => `${replicaName(project, model, l.service, 1)}:${l.alias}`), ...extra.links];
  const nets = Object.entries(s.networks).map(([key, v]) => ({ name: networkName(project, model, key), aliases: [s.name, ...v.aliases], links }));
  const [first, ...rest] = nets;
  const r = s.resources;
  const hc = s.healthcheck;
  const create: Docker.ContainerCreateOptions = {
    name,
    Image: s.image,
    ...(s.command ? { Cmd: s.command } : {}),
    ...(s.entrypoint ? { Entrypoint: s.entrypoint } : {}),
    Env: Object.entries(s.environment).map(([k, v]) => `${k}=${v}`),
    Labels: containerLabels(project, s, n, configHash(project, model, s), keyDigests(project, model, s)),
    ExposedPorts: exposed,
    Tty: s.tty,
    OpenStdin: s.stdinOpen,
    AttachStdin: false,
    ...(s.user ? { User: s.user } : {}),
    ...(s.workingDir ? { WorkingDir: s.workingDir } : {}),
    ...(s.hostname ? { Hostname: s.hostname } : {}),
    ...(s.stopSignal ? { StopSignal: s.stopSignal } : {}),
    ...extra.config,
    ...(s.stopGracePeriod !== null ? { StopTimeout: Math.round(s.stopGracePeriod) } : {}),
    ...(hc
      ? {
          Healthcheck: {
            Test: hc.test,
            Interval: hc.interval,
            Timeout: hc.timeout,
            Retries: hc.retries,
            StartPeriod: hc.startPeriod,
            ...(hc.startInterval ? { StartInterval: hc.startInterval } : {}),
          },
        }
      : {}),
    ...(s.healthcheckDisabled ? { Healthcheck: { Test: ['NONE'] } } : {}),
    HostConfig: {
      PortBindings: bindings,
      Mounts: mounts,
      RestartPolicy: restartPolicy(s.restart),
      NetworkMode: first?.name ?? 'bridge',
      ...(s.capAdd.length ? { CapAdd: s.capAdd } : {}),
      ...(s.capDrop.length ? { CapDrop: s.capDrop } : {}),
      ...(s.extraHosts.length ? { ExtraHosts: s.extraHosts } : {}),
      ...(s.logging ? { LogConfig: { Type: s.logging.driver, Config: s.logging.options } } : {}),
      ...(r.cpus !== null ? { NanoCpus: Math.round(r.cpus * 1e9) } : {}),
      ...(r.memory !== null ? { Memory: r.memory } : {}),
      ...(r.pids !== null ? { PidsLimit: r.pids } : {}),
      ...(r.reservationMemory !== null ? { MemoryReservation: r.reservationMemory } : {}),
      // network_mode etc. (a service without project networks has none to override)
      ...resourceHostConfig(s.resourceKeys),
      ...extra.host,
      ...hostConfigOf(s.host, (svc) => replicaName(project, model, svc, 1)),
    },
    NetworkingConfig: first ? { EndpointsConfig: { [first.name]: { Aliases: first.aliases, ...(links.length ? { Links: links } : {}) } } } : undefined,
  };
  return { create, extraNetworks: rest };
}

export interface NetworkCreatePlan {
  key: string;
  create: Docker.NetworkCreateOptions;
}

export function networkOptions(project: string, model: ComposeModel, key: string): NetworkCreatePlan {
  const n = model.networks[key];
  return {
    key,
    create: {
      Name: networkName(project, model, key),
      Driver: n.driver ?? 'bridge',
      Options: n.driverOpts,
      Internal: n.internal,
      Attachable: n.attachable,
      CheckDuplicate: true,
      Labels: networkLabels(project, key, n.labels),
    },
  };
}

export function volumeOptions(
  project: string,
  model: ComposeModel,
  key: string,
): { Name: string; Driver: string; DriverOpts: Record<string, string>; Labels: Record<string, string> } {
  const v = model.volumes[key];
  return { Name: volumeName(project, model, key), Driver: v.driver ?? 'local', DriverOpts: v.driverOpts, Labels: volumeLabels(project, key, v.labels) };
}
