import type Docker from 'dockerode';
import { type Launch, parseRange, SENSITIVE_LABEL } from '@/lib/schemas/launch';
import { EMPTY_ADVANCED } from '@/lib/schemas/launch-advanced';
import { parseBytes, parseDuration } from '@/lib/schemas/launch-text';
import { MANAGED_LABEL } from '../docker/volumes';

export interface NetworkJoin {
  name: string;
  aliases: string[];
  /** what the connect call sends: the aliases, and the static addresses and links kept from an existing container */
  endpoint: Docker.EndpointSettings;
}

/** What the Engine is asked for: the create call, then the networks joined after it (Engine 20.10 takes one at create). */
export interface LaunchPlan {
  create: Docker.ContainerCreateOptions;
  extraNetworks: NetworkJoin[];
}

type PortBindings = Record<string, { HostIp: string; HostPort: string }[]>;

/**
 * One port row → exposed ports and bindings. A container range maps port by port onto an equal host range; a single
 * container port with a host range lets the Engine pick any free port in that range (as `docker run -p 8000-8010:80`).
 */
export function portBindings(rows: Launch['ports']): { exposed: Record<string, object>; bindings: PortBindings } {
  const exposed: Record<string, object> = {};
  const bindings: PortBindings = {};
  for (const p of rows) {
    const [c0, c1] = parseRange(p.containerPort)!;
    const h = p.hostPort ? parseRange(p.hostPort)! : null;
    for (let port = c0; port <= c1; port++) {
      const key = `${port}/${p.protocol}`;
      exposed[key] = {};
      let hostPort = '';
      if (h) hostPort = c0 === c1 ? (h[0] === h[1] ? String(h[0]) : `${h[0]}-${h[1]}`) : String(h[0] + (port - c0));
      (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: hostPort });
    }
  }
  return { exposed, bindings };
}

/** Volume rows → Mounts. An anonymous row with a source reuses that (anonymous) volume, which is how recreate keeps data. */
export function mounts(rows: Launch['volumes']): Docker.MountConfig {
  return rows.map((v) => {
    if (v.type === 'bind') return { Type: 'bind' as const, Source: v.source, Target: v.target, ReadOnly: v.readOnly };
    // An empty Source makes the Engine create a fresh anonymous volume.
    return { Type: 'volume' as const, Source: v.source, Target: v.target, ReadOnly: v.readOnly };
  });
}

const ns = (text: string) => (text ? parseDuration(text)! : undefined);

export function healthcheck(h: Launch['healthcheck']): Docker.HealthConfig | undefined {
  if (!h) return undefined;
  return {
    // CMD form: the words are run as an argument array inside the container, never through a shell.
    Test: ['CMD', ...h.command],
    Interval: ns(h.interval),
    Timeout: ns(h.timeout),
    StartPeriod: ns(h.startPeriod),
    Retries: h.retries ? Number(h.retries) : undefined,
  };
}

/** One network's endpoint settings: the form's aliases plus what `advanced` keeps (static addresses, links). */
export function endpointOf(l: Launch, n: Launch['networks'][number]): Docker.EndpointSettings {
  const kept = l.advanced?.endpoints[n.name] ?? {};
  const ipam = { ...(kept.IPv4Address ? { IPv4Address: kept.IPv4Address } : {}), ...(kept.IPv6Address ? { IPv6Address: kept.IPv6Address } : {}) };
  return {
    ...(n.aliases.length ? { Aliases: n.aliases } : {}),
    ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}),
    ...(kept.Links?.length ? { Links: kept.Links } : {}),
  };
}

/** "nofile=1024:2048" → the Engine's ulimit; a single number sets soft and hard alike, as docker run --ulimit does. */
function ulimit(text: string): { Name: string; Soft: number; Hard: number } {
  const [name, limits] = text.split('=');
  const [soft, hard = soft] = limits.split(':').map(Number);
  return { Name: name, Soft: soft, Hard: hard };
}

/** The form's settings beyond the basics, as HostConfig keys (only those that are set). */
function extendedHostConfig(l: Launch): Docker.HostConfig {
  const kv = (words: string[], sep: string) =>
    Object.fromEntries(words.map((w) => [w.slice(0, w.indexOf(sep) < 0 ? w.length : w.indexOf(sep)), w.indexOf(sep) < 0 ? '' : w.slice(w.indexOf(sep) + 1)]));
  return {
    ...(l.dns.length ? { Dns: l.dns } : {}),
    ...(l.dnsSearch.length ? { DnsSearch: l.dnsSearch } : {}),
    ...(l.dnsOptions.length ? { DnsOptions: l.dnsOptions } : {}),
    ...(l.extraHosts.length ? { ExtraHosts: l.extraHosts } : {}),
    ...(l.tmpfs.length ? { Tmpfs: kv(l.tmpfs, ':') } : {}),
    ...(l.logDriver ? { LogConfig: { Type: l.logDriver, Config: kv(l.logOptions, '=') } } : {}),
    ...(l.ulimits.length ? { Ulimits: l.ulimits.map(ulimit) } : {}),
    ...(l.init ? { Init: true } : {}),
    ...(l.readOnly ? { ReadonlyRootfs: true } : {}),
  };
}

/**
 * The pure conversion launch input → Engine create options. Empty fields are left out so the image's defaults apply
 * (command, entrypoint, working dir, user, healthcheck), exactly as the docker CLI leaves them out.
 */
export function toCreateOptions(l: Launch, name?: string): LaunchPlan {
  const { exposed, bindings } = portBindings(l.ports);
  const labels: Record<string, string> = Object.fromEntries(l.labels.map((r) => [r.key, r.value]));
  labels[MANAGED_LABEL] = 'true';
  if (l.sensitive) labels[SENSITIVE_LABEL] = 'true';
  else delete labels[SENSITIVE_LABEL];
  const [first, ...rest] = l.networks;
  const kept = l.advanced ?? EMPTY_ADVANCED;
  // Swap above the memory limit means nothing without a limit (the Engine refuses it): it goes with the limit.
  const { MemorySwap, ...keptHost } = kept.hostConfig;
  const { ExposedPorts: keptExposed = [], ...keptConfig } = kept.config;
  const hostConfig: Docker.HostConfig = {
    ...keptHost,
    ...(MemorySwap !== undefined && (MemorySwap === -1 || l.memory) ? { MemorySwap } : {}),
    ...extendedHostConfig(l),
    PortBindings: bindings,
    Mounts: mounts(l.volumes),
    RestartPolicy: { Name: l.restart === 'no' ? '' : l.restart, MaximumRetryCount: l.restart === 'on-failure' && l.maxRetries ? Number(l.maxRetries) : 0 },
    Privileged: l.privileged,
    CapAdd: l.capAdd.length ? l.capAdd : undefined,
    CapDrop: l.capDrop.length ? l.capDrop : undefined,
    ...(l.memory ? { Memory: parseBytes(l.memory)! } : {}),
    ...(l.cpus ? { NanoCpus: Math.round(Number(l.cpus) * 1e9) } : {}),
    ...(first ? { NetworkMode: first.name } : {}),
  };
  const firstEndpoint = first ? endpointOf(l, first) : {};
  // The form's fields come after what is kept, so the form wins wherever both could say something.
  const create: Docker.ContainerCreateOptions = {
    ...keptConfig,
    ...(name || l.name ? { name: name || l.name } : {}),
    Image: l.image,
    ...(l.command.length ? { Cmd: l.command } : {}),
    ...(l.entrypoint.length ? { Entrypoint: l.entrypoint } : {}),
    ...(l.workingDir ? { WorkingDir: l.workingDir } : {}),
    ...(l.user ? { User: l.user } : {}),
    ...(l.hostname ? { Hostname: l.hostname } : {}),
    Env: l.env.map((e) => `${e.key}=${e.value}`),
    Labels: labels,
    ExposedPorts: { ...Object.fromEntries(keptExposed.map((p) => [p, {}])), ...exposed },
    Tty: l.tty,
    OpenStdin: l.openStdin,
    ...(l.healthcheck ? { Healthcheck: healthcheck(l.healthcheck) } : {}),
    HostConfig: hostConfig,
    ...(first && Object.keys(firstEndpoint).length ? { NetworkingConfig: { EndpointsConfig: { [first.name]: firstEndpoint } } } : {}),
  };
  return { create, extraNetworks: rest.map((n) => ({ name: n.name, aliases: n.aliases, endpoint: endpointOf(l, n) })) };
}
