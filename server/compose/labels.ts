import crypto from 'node:crypto';
import type { ComposeModel, ServiceSpec } from './model';

/**
 * The labels and names the compose CLI writes. The compose CLI (1.29 and v2) finds a project's containers, networks
 * and volumes by these labels, not by name, which is what lets it manage what Berth deployed and the other way round.
 */
export const L = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  hash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  /** v2: `service:condition:restart`, comma-separated */
  dependsOn: 'com.docker.compose.depends_on',
  /** v2: the id of the image the container was created from; v2 recreates a container when it is not the id it resolves */
  image: 'com.docker.compose.image',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  /**
   * Berth's own config hash (what its plan compares): com.docker.compose.config-hash holds Compose v2's hash where
   * Berth can compute it (v2-hash.ts), so the compose CLI and Berth each see their own hash unchanged.
   */
  berthHash: 'io.berth.config-hash',
  /** Berth's own: a digest per service key, so a plan can say which keys changed, not only that the hash did */
  keys: 'io.berth.config-keys',
  managed: 'io.berth.managed',
} as const;

/**
 * The compose version Berth's labels follow: v2's set (depends_on, image). compose 1.29 compares this with "1.21.0"
 * to detect pre-1.21 project names, so it must stay a version it can read; "2.26.1" is (test/integration/stacks-interop).
 */
export const COMPOSE_VERSION = '2.26.1';

/**
 * Where the project's files are said to live. Berth keeps a stack's files in its own store, not on the host, so the
 * path names that store; the compose CLI only shows it.
 */
export const stackDir = (project: string) => `/var/lib/berth/stacks/${project}`;

export const containerName = (project: string, service: string, n: number) => `${project}-${service}-${n}`;
export const networkName = (project: string, model: ComposeModel, key: string) => model.networks[key]?.name ?? `${project}_${key}`;
export const volumeName = (project: string, model: ComposeModel, key: string) => model.volumes[key]?.name ?? `${project}_${key}`;

/** v2's depends_on label: links are dependencies with restart (as compose-go makes them), others without. */
export function dependsOnLabel(s: ServiceSpec): string {
  const linked = new Set(s.links.map((l) => l.service));
  return Object.entries(s.dependsOn)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([d, cond]) => `${d}:${cond}:${linked.has(d)}`)
    .join(',');
}

export function containerLabels(project: string, s: ServiceSpec, n: number, hash: string, keys: string): Record<string, string> {
  return {
    ...s.labels,
    [L.project]: project,
    [L.service]: s.name,
    [L.number]: String(n),
    [L.oneoff]: 'False',
    [L.hash]: s.composeHash ?? hash,
    [L.berthHash]: hash,
    [L.dependsOn]: dependsOnLabel(s),
    [L.workingDir]: stackDir(project),
    [L.configFiles]: `${stackDir(project)}/docker-compose.yml`,
    [L.version]: COMPOSE_VERSION,
    [L.keys]: keys,
    [L.managed]: 'true',
  };
}

export const networkLabels = (project: string, key: string, extra: Record<string, string>) => ({
  ...extra,
  [L.project]: project,
  [L.network]: key,
  [L.version]: COMPOSE_VERSION,
});
export const volumeLabels = (project: string, key: string, extra: Record<string, string>) => ({
  ...extra,
  [L.project]: project,
  [L.volume]: key,
  [L.version]: COMPOSE_VERSION,
});

/** JSON with keys sorted at every depth, so equal configs always give equal text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * What a container of this service is made from. The replica count is left out (scaling must not recreate), and so
 * are deploy.update_config (how to roll out, not what runs), x-berth-healthcheck (checked from outside), depends_on (order, not content) and pull_policy (how the image is
 * fetched; compose v2 leaves it out too: a new image shows as an image id change). Host-level names of
 * the service's networks and volumes are in, since they change the container.
 */
export function serviceConfig(project: string, model: ComposeModel, s: ServiceSpec): Record<string, unknown> {
  const { replicas: _r, updateConfig: _u, dependsOn: _d, name: _n, berthHealth: _h, pullPolicy: _p, composeHash: _c, ...rest } = s;
  return {
    ...rest,
    networks: Object.fromEntries(Object.entries(s.networks).map(([k, v]) => [networkName(project, model, k), v])),
    volumes: s.volumes.map((v) => (v.type === 'volume' && v.source ? { ...v, source: volumeName(project, model, v.source) } : v)),
  };
}

/** sha256 of the sorted-key JSON of the service's config, as compose does (compose adds the image id; Berth compares image ids separately). */
export function configHash(project: string, model: ComposeModel, s: ServiceSpec): string {
  return sha(stableJson(serviceConfig(project, model, s)));
}

/** A short digest per top-level key, e.g. "environment=3fa1…,image=9c0d…", written as a label for plan reasons. */
export function keyDigests(project: string, model: ComposeModel, s: ServiceSpec): string {
  const cfg = serviceConfig(project, model, s);
  return Object.keys(cfg)
    .sort()
    .map((k) => `${k}=${sha(stableJson(cfg[k])).slice(0, 8)}`)
    .join(',');
}

/** Keys whose digest differs between two key-digest labels; null when the old label is missing (not Berth's). */
export function changedKeys(oldLabel: string | undefined, newLabel: string): string[] | null {
  if (!oldLabel) return null;
  const parse = (s: string) =>
    new Map(
      s
        .split(',')
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    );
  const a = parse(oldLabel);
  const b = parse(newLabel);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}
