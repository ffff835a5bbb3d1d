import crypto from 'node:crypto';
import type { ServiceSpec } from './model';
import type { RawService } from './schema';
import { parseBytes, parseDuration } from './units';

/**
 * Compose v2's `com.docker.compose.config-hash`, so `docker compose up -d` on the same file leaves Berth's containers
 * alone. v2 (2.26, compose-go v2) hashes sha256 of Go's json.Marshal of the loaded service with build, pull_policy,
 * scale and deploy.replicas cleared (pkg/compose/hash.go ServiceHash); that JSON is exactly what `docker compose config
 * --format json` prints for the service, which is how every shape below was measured (test/integration/stacks-interop).
 * Only the keys below are reproduced; a service using any other key gets null, and Berth writes its own hash instead
 * (v2 then recreates that service's containers: ARCHITECTURE.md, "Compose v1 and v2").
 */

const HASHED = new Set([
  'image',
  'build',
  'pull_policy',
  'scale',
  'command',
  'entrypoint',
  'environment',
  'ports',
  'expose',
  'volumes',
  'networks',
  'depends_on',
  'restart',
  'labels',
  'healthcheck',
  'deploy',
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
]);

class Unsupported extends Error {}
const no = (): never => {
  throw new Unsupported();
};

/** A Go map: json.Marshal writes its keys sorted by bytes (a JS object would put integer-like keys first). */
class GoMap {
  constructor(readonly entries: [string, unknown][]) {}
}
const goMap = (o: Record<string, unknown>) => new GoMap(Object.entries(o));

/** Go's encoding/json: struct fields in declaration order (the insertion order here), map keys sorted, <>& escaped. */
export function goJson(v: unknown): string {
  if (v instanceof GoMap) {
    const sorted = [...v.entries].sort(([a], [b]) => Buffer.from(a).compare(Buffer.from(b)));
    return `{${sorted.map(([k, x]) => `${goJson(k)}:${goJson(x)}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${goJson(k)}:${goJson(x)}`)
      .join(',')}}`;
  }
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(v);
}

/** Go's time.Duration.String(): 1m30s, 1.5s, 500ms, 0s. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const trim = (n: number) => String(Number(n.toFixed(9)));
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  const h = Math.floor(ns / 3.6e12);
  const m = Math.floor((ns % 3.6e12) / 6e10);
  const s = trim((ns % 6e10) / 1e9);
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

const duration = (v: string | number | undefined) => (v === undefined ? undefined : goDuration(parseDuration(v) ?? no()));
const ifTrue = (b: boolean | undefined) => (b ? true : undefined);
const nonEmpty = <T>(a: T[] | undefined) => (a && a.length ? a : undefined);
/** environment/labels: lists and maps alike become a map; an entry without a value (taken from the shell) is not reproduced. */
const strMap = (v: string[] | Record<string, unknown> | undefined) => {
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((e) => (e.includes('=') ? [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] : [e, undefined]))
    : Object.entries(v);
  for (const [k, x] of entries) {
    if (x === null || x === undefined) no();
    else out[k] = String(x);
  }
  return goMap(out);
};

function ports(s: ServiceSpec, raw: RawService['ports']) {
  // v2 keeps a published range ("8000-8001:80") as a string; Berth's model has one port per entry
  for (const p of raw ?? [])
    if (
      typeof p === 'string'
        ? /^(?:.*:)?\d+-\d+:\d+(?:\/\w+)?$/.test(p)
        : Object.keys(p).some((k) => !['target', 'published', 'host_ip', 'protocol', 'mode'].includes(k)) || (p.mode ?? 'ingress') !== 'ingress'
    )
      no();
  return s.ports.map((p) => ({
    mode: 'ingress',
    host_ip: p.hostIp || undefined,
    target: p.target,
    published: p.published === null ? undefined : String(p.published),
    protocol: p.protocol,
  }));
}

function volumes(raw: NonNullable<RawService['volumes']>) {
  return raw.map((v) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) return { type: 'volume', target: parts[0], volume: {} };
      const [source, target, mode = 'rw'] = parts;
      const flags = mode.split(',');
      if (flags.some((f) => !['rw', 'ro', 'nocopy'].includes(f))) no();
      const readOnly = ifTrue(flags.includes('ro'));
      if (source.startsWith('/'))
        return flags.includes('nocopy') ? no() : { type: 'bind', source, target, read_only: readOnly, bind: { create_host_path: true } };
      return { type: 'volume', source, target, read_only: readOnly, volume: flags.includes('nocopy') ? { nocopy: true } : {} };
    }
    const r = v as Record<string, unknown>;
    if (Object.keys(r).some((k) => !['type', 'source', 'target', 'read_only', 'volume', 'tmpfs'].includes(k))) no();
    if (v.type === 'tmpfs') {
      if (Object.keys(v.tmpfs ?? {}).some((k) => k !== 'size')) no();
      return { type: 'tmpfs', target: v.target, tmpfs: v.tmpfs?.size === undefined ? {} : { size: String(parseBytes(v.tmpfs.size) ?? no()) } };
    }
    if (v.type !== 'volume') no(); // a long-form bind's defaults were not measured
    if (Object.keys(v.volume ?? {}).some((k) => k !== 'nocopy')) no();
    return {
      type: 'volume',
      source: v.source || undefined,
      target: v.target,
      read_only: ifTrue(v.read_only),
      volume: v.volume?.nocopy ? { nocopy: true } : {},
    };
  });
}

function dependsOn(raw: RawService) {
  const out: Record<string, unknown> = {};
  if (Array.isArray(raw.depends_on)) for (const d of raw.depends_on) out[d] = { condition: 'service_started', required: true };
  else for (const [d, v] of Object.entries(raw.depends_on ?? {})) out[d] = { condition: v.condition, restart: ifTrue(v.restart), required: v.required ?? true };
  // compose-go turns links into depends_on with restart
  for (const l of raw.links ?? []) out[l.split(':')[0]] ??= { condition: 'service_started', restart: true, required: true };
  return Object.keys(out).length ? goMap(out) : undefined;
}

function healthcheck(raw: NonNullable<RawService['healthcheck']>) {
  const h = raw as Record<string, unknown>;
  if (raw.disable) return Object.keys(h).length === 1 ? { disable: true } : no();
  if (Object.keys(h).some((k) => !['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval'].includes(k))) no();
  const test = typeof raw.test === 'string' ? ['CMD-SHELL', raw.test] : raw.test;
  return {
    test,
    timeout: duration(raw.timeout),
    interval: duration(raw.interval),
    retries: raw.retries,
    start_period: duration(raw.start_period),
    start_interval: duration(raw.start_interval),
  };
}

function deploy(raw: NonNullable<RawService['deploy']>) {
  if (Object.keys(raw).some((k) => k !== 'replicas' && k !== 'resources')) no();
  const res = raw.resources ?? {};
  const side = (v: Record<string, unknown> | undefined) => {
    if (!v) return undefined;
    if (Object.keys(v).some((k) => k !== 'cpus' && k !== 'memory')) no();
    return {
      cpus: v.cpus === undefined ? undefined : Number(v.cpus),
      memory: v.memory === undefined ? undefined : String(parseBytes(v.memory as string) ?? no()),
    };
  };
  // replicas is what ServiceHash clears
  return { resources: { limits: side(res.limits as Record<string, unknown>), reservations: side(res.reservations as Record<string, unknown>) }, placement: {} };
}

/** The service as compose-go marshals it (top-level keys in its order, which is alphabetical for these). */
export function composeV2Service(raw: RawService, s: ServiceSpec): Record<string, unknown> {
  if (Object.keys(raw).some((k) => !HASHED.has(k))) no();
  const networks = !raw.networks
    ? goMap({ default: null })
    : Array.isArray(raw.networks)
      ? goMap(Object.fromEntries(raw.networks.map((n) => [n, null])))
      : goMap(
          Object.fromEntries(
            Object.entries(raw.networks).map(([n, v]) => [
              n,
              v === null ? null : v.ipv4_address !== undefined ? no() : v.aliases ? { aliases: s.networks[n].aliases } : {},
            ]),
          ),
        );
  // from the file: "host:ip" and "host=ip" (the model's list loses entries when a file mixes both)
  const hostEntry = (e: string) => (e.includes('=') ? e : `${e.slice(0, e.indexOf(':'))}=${e.slice(e.indexOf(':') + 1)}`);
  const rawHosts = raw.extra_hosts as string[] | Record<string, string> | undefined;
  const ex =
    rawHosts === undefined ? undefined : (Array.isArray(rawHosts) ? rawHosts.map(hostEntry) : Object.entries(rawHosts).map(([h, ip]) => `${h}=${ip}`)).sort();
  return {
    cap_add: nonEmpty(raw.cap_add),
    cap_drop: nonEmpty(raw.cap_drop),
    command: s.command,
    depends_on: dependsOn(raw),
    deploy: raw.deploy ? deploy(raw.deploy) : undefined,
    entrypoint: s.entrypoint,
    environment: strMap(raw.environment as string[] | Record<string, unknown> | undefined),
    expose: nonEmpty(raw.expose?.map(String)),
    extra_hosts: nonEmpty(ex),
    healthcheck: raw.healthcheck ? healthcheck(raw.healthcheck) : undefined,
    hostname: raw.hostname || undefined,
    image: raw.image || undefined,
    labels: strMap(raw.labels as string[] | Record<string, unknown> | undefined),
    links: nonEmpty(raw.links),
    logging: raw.logging
      ? { driver: raw.logging.driver || undefined, options: raw.logging.options ? strMap(raw.logging.options as Record<string, unknown>) : undefined }
      : undefined,
    networks,
    ports: nonEmpty(ports(s, raw.ports)),
    restart: raw.restart || undefined,
    stdin_open: ifTrue(raw.stdin_open),
    stop_grace_period: duration(raw.stop_grace_period),
    stop_signal: raw.stop_signal || undefined,
    tty: ifTrue(raw.tty),
    user: raw.user || undefined,
    volumes: nonEmpty(raw.volumes ? volumes(raw.volumes) : undefined),
    working_dir: raw.working_dir || undefined,
  };
}

/** v2's config hash of the service, or null when the service uses a key this module does not reproduce. */
export function composeV2Hash(raw: RawService, s: ServiceSpec): string | null {
  try {
    return crypto
      .createHash('sha256')
      .update(goJson(composeV2Service(raw, s)))
      .digest('hex');
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
