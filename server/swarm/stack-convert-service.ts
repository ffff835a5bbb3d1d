import { parseDotenv } from '../compose/interpolate';
import { toMap } from '../compose/key-values';
import { normalizeVolumes } from '../compose/mounts';
import { normalizePorts } from '../compose/ports';
import { parseBytes, parseDuration, shellSplit } from '../compose/units';
import type { RawStackFile, RawStackService } from './stack-schema';
import { type EngineServiceSpec, IMAGE_LABEL, type Mount, NAMESPACE_LABEL, type PortConfig, type UpdateConfig } from './stack-spec';

export interface ServiceContext {
  stack: string;
  file: RawStackFile;
  env: Record<string, string>;
  files: Record<string, string>;
  /** network key → name on the swarm */
  networkNames: Record<string, string>;
  secretNames: Record<string, string>;
  configNames: Record<string, string>;
  report: (path: (string | number)[], message: string) => void;
}

/** One compose service → the Engine's service spec, as docker/cli's convert.Service makes it. */
export function convertService(ctx: ServiceContext, key: string, s: RawStackService): EngineServiceSpec {
  const base = ['services', key];
  const at = (...p: (string | number)[]) => [...base, ...p];
  const ns = { [NAMESPACE_LABEL]: ctx.stack };
  const dur = (v: string | number | undefined, path: (string | number)[]): number | undefined => {
    if (v === undefined) return undefined;
    const n = parseDuration(v);
    if (n === null) ctx.report(path, `${path.slice(2).join('.')} "${v}" is not a duration like 30s, 1m30s or 500ms`);
    return n ?? undefined;
  };
  const bytes = (v: string | number | undefined, path: (string | number)[]): number | undefined => {
    if (v === undefined) return undefined;
    const n = parseBytes(v);
    if (n === null) ctx.report(path, `${path.slice(2).join('.')} "${v}" is not a size like 512M or 1G`);
    return n ?? undefined;
  };
  const words = (v: string | string[] | null | undefined, k: string): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    const w = shellSplit(v);
    if (!w) ctx.report(at(k), `${k} has an unclosed quote`);
    return w ?? [];
  };
  const d = s.deploy ?? {};

  const envFromFiles: Record<string, string> = {};
  for (const ef of s.env_file === undefined ? [] : Array.isArray(s.env_file) ? s.env_file : [s.env_file]) {
    const p = typeof ef === 'string' ? ef : ef.path;
    const text = ctx.files[p.replace(/^(\.\/)+/, '')];
    if (text === undefined) {
      if (typeof ef === 'string' || ef.required !== false)
        ctx.report(at('env_file'), `env_file ${p} is not among the stack's files; add it, or mark it required: false`);
    } else Object.assign(envFromFiles, parseDotenv(text).env);
  }
  const environment = { ...envFromFiles, ...toMap(s.environment, ctx.env) };

  const ports: PortConfig[] = [];
  (s.ports ?? []).forEach((p, i) => {
    const mode = typeof p === 'string' ? 'ingress' : (p.mode ?? 'ingress');
    for (const ps of normalizePorts([p], (_path, m) => ctx.report(at('ports', i), m), at('ports', i))) {
      if (ps.hostIp)
        ctx.report(at('ports', i), `port ${typeof p === 'string' ? p : ps.target} binds host address ${ps.hostIp}, which Swarm cannot do; remove the address`);
      ports.push({
        ...(typeof p !== 'string' && p.name ? { Name: p.name } : {}),
        Protocol: ps.protocol,
        TargetPort: ps.target,
        ...(ps.published !== null ? { PublishedPort: ps.published } : {}),
        PublishMode: mode,
      });
    }
  });
  if (d.endpoint_mode === 'dnsrr' && ports.some((p) => p.PublishMode === 'ingress'))
    ctx.report(
      at('deploy', 'endpoint_mode'),
      `${key} uses endpoint_mode dnsrr, which cannot publish ports through the ingress mesh; give its ports mode: host`,
    );

  const volumes = ctx.file.volumes ?? {};
  const mounts: Mount[] = normalizeVolumes(s.volumes, new Set(Object.keys(volumes)), ctx.report, at('volumes')).map((m): Mount => {
    if (m.type === 'bind') return { Type: 'bind', Source: m.source, Target: m.target, ...(m.readOnly ? { ReadOnly: true } : {}) };
    if (m.type === 'tmpfs') return { Type: 'tmpfs', Target: m.target, ...(m.size ? { TmpfsOptions: { SizeBytes: m.size } } : {}) };
    if (m.source === null) return { Type: 'volume', Target: m.target, ...(m.readOnly ? { ReadOnly: true } : {}) };
    const v = volumes[m.source];
    const extName = v?.external ? (typeof v.external === 'object' ? v.external.name : (v.name ?? m.source)) : null;
    return {
      Type: 'volume',
      Source: extName ?? v?.name ?? `${ctx.stack}_${m.source}`,
      Target: m.target,
      ...(m.readOnly ? { ReadOnly: true } : {}),
      ...(extName
        ? m.nocopy
          ? { VolumeOptions: { NoCopy: true } }
          : {}
        : {
            VolumeOptions: {
              ...(m.nocopy ? { NoCopy: true } : {}),
              Labels: { ...toMap(v?.labels), ...ns },
              ...(v?.driver || v?.driver_opts ? { DriverConfig: { Name: v.driver ?? 'local', Options: toMap(v.driver_opts as Record<string, unknown>) } } : {}),
            },
          }),
    };
  });

  const networks = !s.networks ? { default: null } : Array.isArray(s.networks) ? Object.fromEntries(s.networks.map((n) => [n, null])) : s.networks;
  const attach = Object.entries(networks).flatMap(([n, v]) => {
    const target = ctx.networkNames[n];
    if (!target) {
      ctx.report(at('networks'), `network "${n}" is used by ${key} but not declared under the top-level networks:`);
      return [];
    }
    // the CLI adds the service's short name, so services find each other by the name in the file
    return [{ Target: target, Aliases: [...(v?.aliases ?? []), key] }];
  });

  const refs = <K extends 'secrets' | 'configs'>(kind: K) =>
    (s[kind] ?? []).flatMap((r, i) => {
      const source = typeof r === 'string' ? r : r.source;
      const name = (kind === 'secrets' ? ctx.secretNames : ctx.configNames)[source];
      if (!name) {
        ctx.report(at(kind, i), `${kind.slice(0, -1)} "${source}" is used by ${key} but not declared under the top-level ${kind}:`);
        return [];
      }
      const o: { target?: string; uid?: string; gid?: string; mode?: number } = typeof r === 'string' ? {} : r;
      return [{ name, File: { Name: o.target ?? source, UID: o.uid ?? '0', GID: o.gid ?? '0', Mode: o.mode ?? 0o444 } }];
    });

  const hc = s.healthcheck;
  const test = hc?.test === undefined ? undefined : typeof hc.test === 'string' ? ['CMD-SHELL', hc.test] : hc.test;
  const healthcheck = hc?.disable
    ? { Test: ['NONE'] }
    : hc
      ? clean({
          Test: test,
          Interval: dur(hc.interval, at('healthcheck', 'interval')),
          Timeout: dur(hc.timeout, at('healthcheck', 'timeout')),
          Retries: hc.retries,
          StartPeriod: dur(hc.start_period, at('healthcheck', 'start_period')),
        })
      : undefined;

  const mode = d.mode ?? 'replicated';
  if (mode === 'global' && d.replicas !== undefined)
    ctx.report(at('deploy', 'replicas'), `${key} is global (one task per node), so deploy.replicas does not apply; remove it`);
  if (mode === 'global' && d.placement?.max_replicas_per_node !== undefined)
    ctx.report(at('deploy', 'placement'), `${key} is global, so placement.max_replicas_per_node does not apply`);

  const lim = d.resources?.limits;
  const res = d.resources?.reservations;
  const nano = (c: string | number | undefined, path: (string | number)[]) => {
    if (c === undefined) return undefined;
    const n = Number(c);
    if (!Number.isFinite(n) || n < 0) ctx.report(path, `cpus "${c}" is not a number of CPUs like 0.5`);
    return Number.isFinite(n) ? Math.round(n * 1e9) : undefined;
  };
  const resources = clean({
    Limits: emptyToUndefined(
      clean({
        NanoCPUs: nano(lim?.cpus, at('deploy', 'resources', 'limits', 'cpus')),
        MemoryBytes: bytes(lim?.memory, at('deploy', 'resources', 'limits', 'memory')),
        Pids: lim?.pids,
      }),
    ),
    Reservations: emptyToUndefined(
      clean({
        NanoCPUs: nano(res?.cpus, at('deploy', 'resources', 'reservations', 'cpus')),
        MemoryBytes: bytes(res?.memory, at('deploy', 'resources', 'reservations', 'memory')),
      }),
    ),
  });

  const rp = d.restart_policy;
  const restart = rp
    ? clean({
        Condition: rp.condition ?? 'any',
        Delay: dur(rp.delay, at('deploy', 'restart_policy', 'delay')),
        MaxAttempts: rp.max_attempts,
        Window: dur(rp.window, at('deploy', 'restart_policy', 'window')),
      })
    : restartFromService(s.restart);

  const update = (u: typeof d.update_config, k: string): UpdateConfig | undefined =>
    u
      ? clean({
          Parallelism: u.parallelism ?? 1,
          Delay: dur(u.delay, at('deploy', k, 'delay')),
          FailureAction: u.failure_action,
          Monitor: dur(u.monitor, at('deploy', k, 'monitor')),
          MaxFailureRatio: u.max_failure_ratio,
          Order: u.order,
        })
      : undefined;

  const placement = d.placement
    ? clean({
        Constraints: d.placement.constraints,
        Preferences: d.placement.preferences?.map((p) => ({ Spread: { SpreadDescriptor: p.spread } })),
        MaxReplicas: d.placement.max_replicas_per_node,
      })
    : undefined;

  const hosts = Object.entries(toMap(s.extra_hosts, {}, Array.isArray(s.extra_hosts) && s.extra_hosts.some((h) => h.includes('=')) ? '=' : ':')).map(
    ([h, ip]) => `${ip} ${h}`,
  );
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const dns = clean({ Nameservers: list(s.dns), Search: list(s.dns_search) });
  const secrets = refs('secrets').map((r) => ({ File: r.File, SecretID: '', SecretName: r.name }));
  const configs = refs('configs').map((r) => ({ File: r.File, ConfigID: '', ConfigName: r.name }));

  return {
    Name: `${ctx.stack}_${key}`,
    Labels: { ...toMap(d.labels), [IMAGE_LABEL]: s.image, ...ns },
    TaskTemplate: clean({
      ContainerSpec: clean({
        Image: s.image,
        Labels: { ...toMap(s.labels), ...ns },
        Command: words(s.entrypoint, 'entrypoint'),
        Args: words(s.command, 'command'),
        Hostname: s.hostname,
        Env: Object.keys(environment).length
          ? Object.entries(environment)
              .map(([k, v]) => `${k}=${v}`)
              .sort()
          : undefined,
        Dir: s.working_dir,
        User: s.user,
        TTY: s.tty,
        OpenStdin: s.stdin_open,
        ReadOnly: s.read_only,
        Mounts: mounts.length ? mounts : undefined,
        StopSignal: s.stop_signal,
        StopGracePeriod: dur(s.stop_grace_period, at('stop_grace_period')),
        HealthCheck: healthcheck,
        Hosts: hosts.length ? hosts : undefined,
        DNSConfig: emptyToUndefined(dns),
        Secrets: secrets.length ? secrets : undefined,
        Configs: configs.length ? configs : undefined,
        CapabilityAdd: s.cap_add,
        CapabilityDrop: s.cap_drop,
        Init: s.init,
      }),
      Resources: emptyToUndefined(resources),
      RestartPolicy: restart,
      Placement: placement && emptyToUndefined(placement),
      Networks: attach.sort((a, b) => a.Target.localeCompare(b.Target)),
      LogDriver: s.logging?.driver ? { Name: s.logging.driver, Options: toMap(s.logging.options as Record<string, unknown>) } : undefined,
    }),
    Mode: mode === 'global' ? { Global: {} } : { Replicated: d.replicas === undefined ? {} : { Replicas: d.replicas } },
    ...(d.update_config ? { UpdateConfig: update(d.update_config, 'update_config') } : {}),
    ...(d.rollback_config ? { RollbackConfig: update(d.rollback_config, 'rollback_config') } : {}),
    EndpointSpec: { Mode: d.endpoint_mode ?? 'vip', ...(ports.length ? { Ports: ports } : {}) },
  };
}

/** `restart:` of a container, as the CLI maps it when deploy.restart_policy is not given. */
function restartFromService(r: string | undefined): EngineServiceSpec['TaskTemplate']['RestartPolicy'] {
  if (!r) return undefined;
  if (r === 'no') return { Condition: 'none' };
  if (r === 'always' || r === 'unless-stopped') return { Condition: 'any' };
  const n = /^on-failure(?::(\d+))?$/.exec(r);
  return { Condition: 'on-failure', ...(n?.[1] ? { MaxAttempts: Number(n[1]) } : {}) };
}

/** Drops undefined fields, so the spec (and its hash) holds only what the file says. */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
const emptyToUndefined = <T extends object>(o: T): T | undefined => (Object.keys(o).length ? o : undefined);
