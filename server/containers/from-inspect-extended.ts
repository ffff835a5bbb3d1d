import type Docker from 'dockerode';
import { type Advanced, AdvancedConfigSchema, AdvancedHostConfigSchema } from '@/lib/schemas/launch-advanced';
import type { Launch } from '@/lib/schemas/launch';
import { formatBytesExact } from '@/lib/schemas/launch-text';
import type { DaemonDefaults, FromInspectMode, ImageDefaults } from './inspect-defaults';

/**
 * The settings beyond the launch form's main fields (DNS, hosts, tmpfs, logging, ulimits, init, read-only, and the
 * reviewed `advanced` passthrough), read back from a container so duplicate and Edit & recreate drop nothing.
 */
type Extended = Pick<
  Launch,
  'dns' | 'dnsSearch' | 'dnsOptions' | 'extraHosts' | 'tmpfs' | 'logDriver' | 'logOptions' | 'ulimits' | 'init' | 'readOnly' | 'advanced'
>;

const SHM_DEFAULT = 64 * 1024 * 1024;

/** An Engine value counts as set when it is not the zero value the Engine reports for "not set". */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** The allowlisted keys of `source` that are set and not a daemon default; the schema's keys are the allowlist. */
function pick(source: Record<string, unknown>, keys: string[], isDefault: (k: string, v: unknown) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (isSet(source[k]) && !isDefault(k, source[k])) out[k] = source[k];
  return out;
}

/** `--mount type=tmpfs` entries read as the form's "path:options" tmpfs words. */
function tmpfsMounts(hc: Docker.HostConfig): string[] {
  return (hc.Mounts ?? [])
    .filter((m) => m.Type === 'tmpfs')
    .map((m) => {
      const o = (m as { TmpfsOptions?: { SizeBytes?: number; Mode?: number } }).TmpfsOptions ?? {};
      const opts = [o.SizeBytes ? `size=${formatBytesExact(o.SizeBytes)}` : '', o.Mode ? `mode=${o.Mode.toString(8)}` : ''].filter(Boolean).join(',');
      return opts ? `${m.Target}:${opts}` : m.Target;
    });
}

/**
 * The settings beyond the basics: the ones the form shows (DNS, hosts, tmpfs, logging, ulimits, init, read-only) and
 * everything else worth keeping as the `advanced` passthrough. Duplicate leaves out what must be unique to one
 * container: its MAC address and static IP addresses.
 */
export function extendedFromInspect(
  c: Docker.ContainerInspectInfo,
  mode: FromInspectMode,
  daemon: DaemonDefaults | null,
  image: ImageDefaults | null,
): Extended {
  const cfg = c.Config as Docker.ContainerInspectInfo['Config'] & Record<string, unknown>;
  const hc = (c.HostConfig ?? {}) as Docker.HostConfig & Record<string, unknown>;
  const log = hc.LogConfig ?? { Type: '', Config: {} };
  const logOptions = Object.entries((log.Config ?? {}) as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  const defaultLog = !logOptions.length && log.Type === (daemon?.loggingDriver ?? 'json-file');

  const bound = new Set(Object.keys(hc.PortBindings ?? {}));
  const imageExposed = Object.keys(image?.ExposedPorts ?? {});
  const exposed = Object.keys(cfg.ExposedPorts ?? {})
    .filter((p) => !bound.has(p) && !imageExposed.includes(p))
    .sort();
  const config = pick({ ...cfg, ExposedPorts: exposed }, Object.keys(AdvancedConfigSchema.shape), (k, v) => {
    if (k === 'MacAddress') return mode === 'duplicate';
    if (k === 'StopSignal') return v === image?.StopSignal;
    if (k === 'Healthcheck') return (v as Docker.HealthConfig).Test?.[0] !== 'NONE';
    return false;
  });
  if (config.Healthcheck) config.Healthcheck = { Test: ['NONE'] };

  const hostConfig = pick(hc, Object.keys(AdvancedHostConfigSchema.shape), (k, v) => {
    switch (k) {
      case 'ShmSize':
        return v === SHM_DEFAULT;
      case 'IpcMode':
        return v === 'private';
      case 'CgroupnsMode':
        return !daemon?.cgroupVersion || v === (daemon.cgroupVersion === '2' ? 'private' : 'host');
      case 'Runtime':
        return v === (daemon?.defaultRuntime ?? 'runc');
      case 'MemorySwap':
        // The daemon sets twice the memory limit when only a limit was asked for.
        return v === (hc.Memory ?? 0) * 2;
      default:
        return false;
    }
  });
  // Inspect shows links as "/other:/me/alias"; create takes "other:alias".
  if (hostConfig.Links) hostConfig.Links = (hostConfig.Links as string[]).map((l) => l.replace(/^\/([^:]+):.*\/([^/]+)$/, '$1:$2'));

  const endpoints: Advanced['endpoints'] = {};
  for (const [net, e] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
    const ipam = (e.IPAMConfig ?? {}) as { IPv4Address?: string; IPv6Address?: string };
    const ep = {
      ...(mode === 'recreate' && ipam.IPv4Address ? { IPv4Address: ipam.IPv4Address } : {}),
      ...(mode === 'recreate' && ipam.IPv6Address ? { IPv6Address: ipam.IPv6Address } : {}),
      ...(e.Links?.length ? { Links: e.Links } : {}),
    };
    if (Object.keys(ep).length) endpoints[net] = ep;
  }

  return {
    dns: hc.Dns ?? [],
    dnsSearch: hc.DnsSearch ?? [],
    dnsOptions: hc.DnsOptions ?? [],
    extraHosts: hc.ExtraHosts ?? [],
    tmpfs: [...Object.entries((hc.Tmpfs ?? {}) as Record<string, string>).map(([p, o]) => (o ? `${p}:${o}` : p)), ...tmpfsMounts(hc)].sort(),
    logDriver: defaultLog ? '' : (log.Type ?? ''),
    logOptions: defaultLog ? [] : logOptions,
    ulimits: (hc.Ulimits ?? []).map((u) => `${u.Name}=${u.Soft}${u.Hard !== u.Soft ? `:${u.Hard}` : ''}`),
    init: Boolean(hc.Init),
    readOnly: Boolean(hc.ReadonlyRootfs),
    advanced: { config, hostConfig, endpoints } as Advanced,
  };
}
