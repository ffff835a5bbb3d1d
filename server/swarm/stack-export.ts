import { stringify } from 'yaml';
import type { Berth } from '../berth';
import { listAllNetworks, listStackObjects, listStackServices, type RawNetwork, type RawObject, type RawService } from '../docker/swarm-stack-calls';
import { notFound } from '../errors';
import { managerOf } from './environment';
import { IMAGE_LABEL, NAMESPACE_LABEL, SPEC_HASH_LABEL, type UpdateConfig } from './stack-spec';

/**
 * A running stack → a compose file that deploys the same services (also for stacks the CLI deployed, which Berth has
 * no file for). The stack's own networks, volumes and configs are written out under their keys, so the file deploys
 * under another name too; secrets are written as external by their names, since the Engine never gives their data back.
 */

type Obj = Record<string, unknown>;
/** Engine-only keys of an overlay network's options (the vxlan ids it picked), not something a file sets. */
const ENGINE_NET_OPTS = ['com.docker.network.driver.overlay.vxlanid_list'];

/** nanoseconds → a compose duration */
export function duration(ns: number): string {
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  return `${ns}ns`;
}

const without = (m: Record<string, string> | null | undefined, keys: string[]) => {
  const out = Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !keys.includes(k)));
  return Object.keys(out).length ? out : undefined;
};
/** Drops undefined and empty values, so the file says only what the spec sets. */
function tidy(o: Obj): Obj {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || (Array.isArray(v) && !v.length) || (v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length)) delete o[k];
  }
  return o;
}
const rollout = (u: UpdateConfig | undefined) =>
  u
    ? tidy({
        parallelism: u.Parallelism,
        delay: u.Delay ? duration(u.Delay) : undefined,
        failure_action: u.FailureAction,
        monitor: u.Monitor ? duration(u.Monitor) : undefined,
        max_failure_ratio: u.MaxFailureRatio || undefined,
        order: u.Order,
      })
    : undefined;

export function exportStackFile(stack: string, services: RawService[], networks: RawNetwork[], secrets: RawObject[], configs: RawObject[]): string {
  const key = (name: string) => (name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name);
  const own = (labels: Record<string, string> | null | undefined) => labels?.[NAMESPACE_LABEL] === stack;
  const file: { services: Obj; networks: Obj; volumes: Obj; secrets: Obj; configs: Obj } = {
    services: {},
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
  };
  const netById = new Map(networks.flatMap((n) => [[n.Id, n] as const, [n.Name, n] as const]));

  for (const s of [...services].sort((a, b) => a.Spec.Name.localeCompare(b.Spec.Name))) {
    const spec = s.Spec;
    const t = spec.TaskTemplate ?? { ContainerSpec: { Image: '' } };
    const c = t.ContainerSpec;
    const svcKey = key(spec.Name);
    const nets: Obj = {};
    for (const a of t.Networks ?? []) {
      const n = netById.get(a.Target);
      const name = n?.Name ?? a.Target;
      const k = n && own(n.Labels) ? key(name) : name;
      if (!(k in file.networks))
        file.networks[k] =
          n && own(n.Labels)
            ? tidy({
                driver: n.Driver === 'overlay' ? undefined : n.Driver,
                attachable: n.Attachable || undefined,
                internal: n.Internal || undefined,
                labels: without(n.Labels, [NAMESPACE_LABEL]),
                driver_opts: without(n.Options, ENGINE_NET_OPTS),
              })
            : { external: true, name };
      const aliases = (a.Aliases ?? []).filter((x) => x !== svcKey);
      nets[k] = aliases.length ? { aliases } : null;
    }
    const volumes = (c.Mounts ?? []).map((m) => {
      if (m.Type === 'volume' && m.Source) {
        const ownVol = own(m.VolumeOptions?.Labels);
        const k = ownVol ? key(m.Source) : m.Source;
        const dc = m.VolumeOptions?.DriverConfig;
        file.volumes[k] ??= ownVol
          ? tidy({
              driver: dc?.Name && dc.Name !== 'local' ? dc.Name : undefined,
              driver_opts: dc?.Options,
              labels: without(m.VolumeOptions?.Labels, [NAMESPACE_LABEL]),
            })
          : { external: true, name: m.Source };
        return tidy({
          type: 'volume',
          source: k,
          target: m.Target,
          read_only: m.ReadOnly || undefined,
          volume: m.VolumeOptions?.NoCopy ? { nocopy: true } : undefined,
        });
      }
      if (m.Type === 'tmpfs')
        return tidy({ type: 'tmpfs', target: m.Target, tmpfs: m.TmpfsOptions?.SizeBytes ? { size: m.TmpfsOptions.SizeBytes } : undefined });
      return tidy({ type: m.Type, source: m.Source, target: m.Target, read_only: m.ReadOnly || undefined });
    });
    const fileRef = (source: string, f: { Name: string; UID: string; GID: string; Mode: number }) =>
      tidy({
        source,
        target: f.Name === source ? undefined : f.Name,
        uid: f.UID === '0' ? undefined : f.UID,
        gid: f.GID === '0' ? undefined : f.GID,
        mode: f.Mode === 0o444 ? undefined : f.Mode,
      });
    const secretRefs = (c.Secrets ?? []).map((r) => {
      const k = secrets.some((x) => x.Spec.Name === r.SecretName && own(x.Spec.Labels)) ? key(r.SecretName) : r.SecretName;
      // the data cannot be read back, so the file refers to the secret that holds it
      file.secrets[k] ??= { external: true, name: r.SecretName };
      return fileRef(k, r.File);
    });
    const configRefs = (c.Configs ?? []).map((r) => {
      const cfg = configs.find((x) => x.Spec.Name === r.ConfigName);
      const mine = cfg && own(cfg.Spec.Labels) && cfg.Spec.Data !== undefined;
      const k = mine ? key(r.ConfigName) : r.ConfigName;
      file.configs[k] ??= mine
        ? tidy({ content: Buffer.from(cfg.Spec.Data!, 'base64').toString('utf8'), labels: without(cfg.Spec.Labels, [NAMESPACE_LABEL]) })
        : { external: true, name: r.ConfigName };
      return fileRef(k, r.File);
    });
    const hc = c.HealthCheck ?? (c as { Healthcheck?: typeof c.HealthCheck }).Healthcheck;
    const lim = t.Resources?.Limits;
    const res = t.Resources?.Reservations;
    const rp = t.RestartPolicy;
    const pl = t.Placement;
    const global = Boolean(spec.Mode?.Global);
    file.services[svcKey] = tidy({
      image: spec.Labels?.[IMAGE_LABEL] ?? c.Image.replace(/@sha256:[a-f0-9]+$/, ''),
      entrypoint: c.Command,
      command: c.Args,
      environment: c.Env,
      hostname: c.Hostname,
      working_dir: c.Dir,
      user: c.User,
      tty: c.TTY || undefined,
      stdin_open: c.OpenStdin || undefined,
      read_only: c.ReadOnly || undefined,
      init: c.Init ?? undefined,
      labels: without(c.Labels, [NAMESPACE_LABEL]),
      stop_signal: c.StopSignal,
      stop_grace_period: c.StopGracePeriod ? duration(c.StopGracePeriod) : undefined,
      extra_hosts: c.Hosts?.map((h) => h.split(/\s+/)).map(([ip, ...names]) => `${names[0]}:${ip}`),
      dns: c.DNSConfig?.Nameservers,
      dns_search: c.DNSConfig?.Search,
      cap_add: c.CapabilityAdd,
      cap_drop: c.CapabilityDrop,
      healthcheck:
        hc?.Test?.[0] === 'NONE'
          ? { disable: true }
          : hc
            ? tidy({
                test: hc.Test,
                interval: hc.Interval ? duration(hc.Interval) : undefined,
                timeout: hc.Timeout ? duration(hc.Timeout) : undefined,
                retries: hc.Retries || undefined,
                start_period: hc.StartPeriod ? duration(hc.StartPeriod) : undefined,
              })
            : undefined,
      logging: t.LogDriver ? tidy({ driver: t.LogDriver.Name, options: t.LogDriver.Options }) : undefined,
      volumes,
      networks: nets,
      secrets: secretRefs,
      configs: configRefs,
      ports: (spec.EndpointSpec?.Ports ?? []).map((p) =>
        tidy({
          target: p.TargetPort,
          published: p.PublishedPort,
          protocol: p.Protocol === 'tcp' ? undefined : p.Protocol,
          mode: p.PublishMode ?? 'ingress',
          name: p.Name,
        }),
      ),
      deploy: tidy({
        mode: global ? 'global' : undefined,
        replicas: global ? undefined : (spec.Mode?.Replicated?.Replicas ?? 1),
        endpoint_mode: spec.EndpointSpec?.Mode === 'dnsrr' ? 'dnsrr' : undefined,
        labels: without(spec.Labels, [NAMESPACE_LABEL, IMAGE_LABEL, SPEC_HASH_LABEL]),
        placement: pl
          ? tidy({
              constraints: pl.Constraints,
              preferences: pl.Preferences?.map((p) => ({ spread: p.Spread.SpreadDescriptor })),
              max_replicas_per_node: pl.MaxReplicas || undefined,
            })
          : undefined,
        resources: tidy({
          limits: lim
            ? tidy({ cpus: lim.NanoCPUs ? String(lim.NanoCPUs / 1e9) : undefined, memory: lim.MemoryBytes || undefined, pids: lim.Pids || undefined })
            : undefined,
          reservations: res ? tidy({ cpus: res.NanoCPUs ? String(res.NanoCPUs / 1e9) : undefined, memory: res.MemoryBytes || undefined }) : undefined,
        }),
        restart_policy: rp
          ? tidy({
              condition: rp.Condition,
              delay: rp.Delay ? duration(rp.Delay) : undefined,
              max_attempts: rp.MaxAttempts || undefined,
              window: rp.Window ? duration(rp.Window) : undefined,
            })
          : undefined,
        update_config: rollout(spec.UpdateConfig),
        rollback_config: rollout(spec.RollbackConfig),
      }),
    });
  }
  return `# Swarm stack ${stack}, exported by Berth\n${stringify(tidy(file as Obj), { lineWidth: 0 })}`;
}

export async function exportSwarmStack(b: Berth, hostId: string, name: string): Promise<string> {
  const { host } = await managerOf(b, hostId);
  const e = host.engine;
  const [services, networks, secrets, configs] = await Promise.all([
    listStackServices(e, name),
    listAllNetworks(e),
    listStackObjects(e, 'secrets', { stack: name }),
    listStackObjects(e, 'configs', { stack: name }),
  ]);
  if (!services.length) throw notFound(`No Swarm stack named ${name} on host ${host.record.name}: no service carries its label`);
  // configs outside the stack (external ones) are named by the services; their data is not needed
  return exportStackFile(name, services, networks, secrets, configs);
}
