import type Docker from 'dockerode';
import { z } from 'zod';
import type { StackPlan } from '@/lib/compose-types';
import { containerName } from './labels';
import type { ComposeModel, ServiceSpec } from './model';
import type { Report } from './report';

/**
 * Service keys that name things outside the service (container_name, external_links, volumes_from) or tune its DNS
 * and identity (dns_search, dns_opt, domainname, group_add, mac_address). Mapped to the fields docker-compose 1.29
 * sets; only the keys a file uses are in the model, so files without them keep their config hash.
 */
export const SERVICE_EXTRA_KEYS = [
  'container_name',
  'dns_search',
  'dns_opt',
  'domainname',
  'group_add',
  'mac_address',
  'external_links',
  'volumes_from',
  'profiles',
  'pull_policy',
];

const stringOrList = z.union([z.string(), z.array(z.string())]);

/** Spread into ServiceSchema: the value shapes of SERVICE_EXTRA_KEYS. */
export const serviceExtraShapes = {
  container_name: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'container_name may use letters, digits, "_", "." and "-" (at least 2 characters, starting with a letter or digit)')
    .optional(),
  dns_search: stringOrList.optional(),
  dns_opt: z.array(z.string()).optional(),
  domainname: z.string().optional(),
  group_add: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  mac_address: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, 'mac_address must look like 02:42:ac:11:00:02')
    .optional(),
  external_links: z.array(z.string()).optional(),
  volumes_from: z.array(z.string()).optional(),
  profiles: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a profile name may use letters, digits, "_", "." and "-"')).optional(),
  // compose's policies that need no record of past pulls; daily/weekly/every_<d> do, so they are refused (pullPolicyError)
  pull_policy: z.enum(['missing', 'if_not_present', 'always', 'never', 'build'], { error: (iss) => pullPolicyError(iss.input) }).optional(),
};
/** Why a pull_policy value is refused, naming it (the path, services.<name>.pull_policy, names the key). */
function pullPolicyError(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  if (typeof v === 'string' && (v === 'daily' || v === 'weekly' || v.startsWith('every_'))) {
    return `${text} pulls again only after some time since the last pull, and Berth keeps no pull times; use always (pull on every deploy) or missing (pull when the host lacks the image)`;
  }
  return `${text} is not a pull_policy Berth supports; use missing (the default), always, never or build`;
}

/** pull_policy as the deploy acts on it; absent (missing, if_not_present or not set): pull only an image the host lacks. */
export type PullPolicy = 'always' | 'never' | 'build';

/**
 * The raw pull_policy → the model's. `build` needs `build:`. `always` with `build:` is refused: compose then pulls
 * `image:` and skips the build, which surprises more than it helps; the file should say which one it means.
 */
export function normalizePullPolicy(
  s: { pull_policy?: string; build?: unknown },
  name: string,
  report: Report,
  base: (string | number)[],
): PullPolicy | undefined {
  const p = s.pull_policy;
  if (p === 'build' && s.build === undefined)
    report(
      [...base, 'pull_policy'],
      `${name} sets pull_policy: build but has no build: section; add build: (the context to build from) or use another pull_policy`,
    );
  if (p === 'always' && s.build !== undefined)
    report(
      [...base, 'pull_policy'],
      `${name} sets pull_policy: always and build:; use pull_policy: build to rebuild on every deploy, or remove build: to pull the image from its registry`,
    );
  return p === 'always' || p === 'never' || p === 'build' ? p : undefined;
}

type RawExtra = { [K in keyof typeof serviceExtraShapes]?: z.infer<(typeof serviceExtraShapes)[K]> };

/** volumes_from: another service's first container, or a container by name; `ro` mounts read-only. */
export type VolumesFromSpec = { kind: 'service'; service: string; readOnly: boolean } | { kind: 'container'; container: string; readOnly: boolean };

export interface ServiceExtraSpec {
  dnsSearch?: string[];
  dnsOpt?: string[];
  domainname?: string;
  groupAdd?: string[];
  macAddress?: string;
  /** container name → alias */
  externalLinks?: { container: string; alias: string }[];
  volumesFrom?: VolumesFromSpec[];
}

/**
 * The raw keys → ServiceExtraSpec (undefined when none is set). `services` are the file's service names: a bare
 * volumes_from entry names a service if there is one by that name, else a container, as compose 1.29 reads it.
 */
export function normalizeServiceExtra(s: RawExtra, services: string[], report: Report, base: (string | number)[]): ServiceExtraSpec | undefined {
  const e: ServiceExtraSpec = {};
  if (s.dns_search !== undefined) e.dnsSearch = Array.isArray(s.dns_search) ? s.dns_search : [s.dns_search];
  if (s.dns_opt !== undefined) e.dnsOpt = s.dns_opt;
  if (s.domainname) e.domainname = s.domainname;
  if (s.group_add !== undefined) e.groupAdd = s.group_add;
  if (s.mac_address) e.macAddress = s.mac_address.toLowerCase();
  if (s.external_links !== undefined) {
    e.externalLinks = s.external_links.map((l) => {
      const [container, alias] = l.split(':');
      return { container, alias: alias || container };
    });
  }
  if (s.volumes_from !== undefined) {
    e.volumesFrom = s.volumes_from.flatMap((v, i): VolumesFromSpec[] => {
      const parts = v.split(':');
      const last = parts.at(-1);
      const mode = last === 'ro' || last === 'rw' ? parts.pop() : undefined;
      const readOnly = mode === 'ro';
      const [kind, ref] = parts.length === 2 ? parts : parts.length === 1 ? [services.includes(parts[0]) ? 'service' : 'container', parts[0]] : ['', ''];
      if ((kind !== 'service' && kind !== 'container') || !ref) {
        report([...base, 'volumes_from', i], `volumes_from "${v}" is not service:<name>[:ro|rw] or container:<name>[:ro|rw]`);
        return [];
      }
      if (kind === 'service' && !services.includes(ref)) {
        report([...base, 'volumes_from', i], `volumes_from "${v}" names service "${ref}", which is not a service in this file`);
        return [];
      }
      return [kind === 'service' ? { kind, service: ref, readOnly } : { kind, container: ref, readOnly }];
    });
  }
  return Object.keys(e).length ? e : undefined;
}

/** Services this one takes volumes from: they start first, as compose orders them. */
export const volumesFromServices = (e: ServiceExtraSpec | undefined): string[] =>
  (e?.volumesFrom ?? []).flatMap((v) => (v.kind === 'service' ? [v.service] : []));

/**
 * A replica's container name: `container_name` for a service that sets it (it cannot scale, so that is replica 1),
 * else compose's `<project>-<service>-<n>`.
 */
export function replicaName(project: string, model: ComposeModel, service: string, n: number): string {
  const own = model.services[service]?.containerName;
  return own && n === 1 ? own : containerName(project, service, n);
}

/** The create-option fields of ServiceExtraSpec: top-level Config ones and HostConfig ones. */
export function extraCreateOptions(
  project: string,
  model: ComposeModel,
  s: ServiceSpec,
): { config: Partial<Docker.ContainerCreateOptions>; host: Docker.HostConfig; links: string[] } {
  const e = s.extra;
  if (!e) return { config: {}, host: {}, links: [] };
  const config: Partial<Docker.ContainerCreateOptions> = {};
  if (e.domainname) config.Domainname = e.domainname;
  if (e.macAddress) config.MacAddress = e.macAddress;
  const host: Docker.HostConfig = {};
  if (e.dnsSearch) host.DnsSearch = e.dnsSearch;
  if (e.dnsOpt) host.DnsOptions = e.dnsOpt;
  if (e.groupAdd) host.GroupAdd = e.groupAdd;
  if (e.volumesFrom) {
    host.VolumesFrom = e.volumesFrom.map(
      (v) => `${v.kind === 'service' ? replicaName(project, model, v.service, 1) : v.container}:${v.readOnly ? 'ro' : 'rw'}`,
    );
  }
  const links = (e.externalLinks ?? []).map((l) => `${l.container}:${l.alias}`);
  return { config, host, links };
}

/**
 * profiles: compose deploys a service with profiles only when one of them is activated (`--profile`). Berth has no
 * activation, so such services are left out of the model and named in the plan's notes; a deployed service that
 * depends on one is refused, as compose refuses it.
 */
export function profiledServices(raw: Record<string, { profiles?: string[] }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, s] of Object.entries(raw)) if (s.profiles?.length) out[name] = s.profiles;
  return out;
}

/** The plan's word for pull_policy: always (the plan endpoint does not pull: a deploy pulls, then plans again). */
export const PULL_ALWAYS_REASON = 'pull_policy: always: pulled from its registry at deploy; a new image behind the tag recreates its containers';

/**
 * Marks the services whose image a deploy pulls first: pull_policy: always, and (with `host`) an image the host does
 * not have and the deploy does not build, which preflight pulls before anything changes. A scale pulls nothing of
 * pull_policy: always (see pullAlways in preflight.ts), so its plan marks only missing images.
 */
export function markPulls(plan: StackPlan, model: ComposeModel, onlyService?: string, host?: { name: string; imageIds: Record<string, string> }): StackPlan {
  const services = plan.services.map((p) => {
    const s = model.services[p.name];
    if (!onlyService && s?.pullPolicy === 'always') return { ...p, pull: { reason: PULL_ALWAYS_REASON } };
    if (host && s && !p.build && !host.imageIds[s.image] && s.pullPolicy !== 'never') {
      return { ...p, pull: { reason: `not on host ${host.name}: pulled from ${registryName(s.image)} before anything changes` } };
    }
    return p;
  });
  return { ...plan, services };
}

/** The registry an image reference names, as people call it. */
export function registryName(ref: string): string {
  const first = ref.split('/')[0];
  const named = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return named ? first : 'Docker Hub';
}
