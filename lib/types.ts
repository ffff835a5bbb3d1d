/** Domain types shared by server and browser. Engine JSON is reshaped into these in server/docker/*. */

import type { Alert } from './alert-types';

export type HostKind = 'socket' | 'tcp' | 'ssh';
export type HostStatus = 'online' | 'offline' | 'stale' | 'unknown';

export interface HostInfo {
  name: string;
  engineVersion: string;
  /** the newest API the Engine offers */
  apiVersion: string;
  /** the API Berth speaks to it: the Engine's, capped at the newest Berth is tested with (server/docker/api-version.ts) */
  berthApi?: string;
  os: string;
  osType: string;
  arch: string;
  kernel: string;
  cpus: number;
  memTotal: number;
  containers: number;
  containersRunning: number;
  containersPaused: number;
  containersStopped: number;
  images: number;
  /** the host's place in a swarm (from /info; absent in info saved before Berth read it): the Swarm page is a manager's */
  swarm?: 'manager' | 'worker' | null;
}

/** What the API says about a host. Keys and certificates are never part of it. */
export interface HostView {
  id: string;
  name: string;
  kind: HostKind;
  address: string;
  status: HostStatus;
  lastError: string | null;
  lastSeenAt: string | null;
  lastCheckedAt: string | null;
  info: HostInfo | null;
  /** non-secret connection settings, for the edit form */
  settings: {
    socketPath?: string;
    host?: string;
    port?: number;
    username?: string;
    fingerprint?: string;
    /** which secrets are stored (never their values) */
    stored?: string[];
  };
  createdAt: string;
  updatedAt: string;
}

export interface PortMapping {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: 'tcp' | 'udp' | 'sctp';
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type Health = 'healthy' | 'unhealthy' | 'starting' | null;

export interface ContainerSummary {
  hostId: string;
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  status: string;
  health: Health;
  ports: PortMapping[];
  /** unix seconds */
  created: number;
  /** when the current state began, unix seconds: exact when Berth saw the event, else read from `status` */
  stateSince: number | null;
  /** exit code of the last run, for exited/restarting containers */
  exitCode: number | null;
  project: string | null;
  service: string | null;
  /** Berth's own container (the health agent of server/health/agent.ts); absent for every other */
  berth?: 'health-agent';
}

export interface ContainerDetail {
  hostId: string;
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: ContainerState;
  status: string;
  health: Health;
  created: string;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  error: string | null;
  restartCount: number;
  path: string;
  args: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  env: { key: string; value: string }[];
  mounts: { type: string; source: string; destination: string; name?: string; mode: string; rw: boolean }[];
  ports: PortMapping[];
  networks: { name: string; ipAddress: string; gateway: string; macAddress: string; aliases: string[] }[];
  labels: Record<string, string>;
  restartPolicy: { name: string; maximumRetryCount: number };
  healthLog: { start: string; end: string; exitCode: number; output: string }[];
  project: string | null;
  service: string | null;
}

/** Messages on the live stream (GET /api/v1/live, server-sent events). */
export type LiveMessage =
  | { type: 'snapshot'; containers: ContainerSummary[]; hosts: HostView[] }
  | { type: 'container'; hostId: string; container: ContainerSummary }
  | { type: 'container-removed'; hostId: string; id: string }
  /** replaces every container of one host (after a resync, or empty when the host went offline) */
  | { type: 'host-containers'; hostId: string; containers: ContainerSummary[] }
  | { type: 'host'; host: HostView }
  | { type: 'host-removed'; hostId: string }
  /** a swarm node changed (a manager's Engine reports node events): the Swarm page refetches its nodes */
  | { type: 'swarm-node'; hostId: string; nodeId: string; action: string }
  /** a swarm service was created, updated or removed (a manager's service events): the Services views refetch */
  | { type: 'swarm-service'; hostId: string; serviceId: string; action: string }
  /** an image reference's update status changed on a host (server/images/updates.ts) */
  | { type: 'image-update'; hostId: string; image: string; status: 'update-available' | 'up-to-date' | 'unknown' }
  /** an alert fired, repeated or resolved (server/alerts/engine.ts): the bell and the object's banner update */
  | { type: 'alert'; hostId: string; alert: Alert };

export interface ContainerListResponse {
  containers: ContainerSummary[];
  /** hosts whose containers could not be listed, and why */
  unavailable: { hostId: string; name: string; status: HostStatus; error: string | null }[];
}

/** A container that uses an image, volume or network: enough to name it in a row and in a refusal. */
export interface ContainerUse {
  id: string;
  name: string;
  state: ContainerState;
}

/** One row of the image list: an image under one of its repo:tags (an image with three tags is three rows). */
export interface ImageSummary {
  hostId: string;
  /** "sha256:…" */
  id: string;
  /** "repo:tag", or null for an image without tags (dangling, or known only by digest) */
  ref: string | null;
  /** "<none>" when untagged */
  repo: string;
  tag: string;
  dangling: boolean;
  digests: string[];
  parentId: string | null;
  /** bytes, the image's own size including shared layers, as `docker images` shows it */
  size: number;
  /** unix seconds */
  created: number;
  labels: Record<string, string>;
  /** how many repo:tags the image has: removing one of several only untags it */
  tagCount: number;
  usedBy: ContainerUse[];
}

export interface ImageLayer {
  /** the layer's image id, or null for layers built elsewhere ("<missing>") */
  id: string | null;
  /** unix seconds */
  created: number;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

export interface ImageDetail {
  hostId: string;
  id: string;
  repoTags: string[];
  repoDigests: string[];
  parentId: string | null;
  comment: string;
  created: string;
  author: string;
  dockerVersion: string;
  architecture: string;
  os: string;
  size: number;
  layers: number;
  config: {
    cmd: string[];
    entrypoint: string[];
    env: { key: string; value: string }[];
    workingDir: string;
    user: string;
    exposedPorts: string[];
    volumes: string[];
    labels: Record<string, string>;
  };
  history: ImageLayer[];
  usedBy: ContainerUse[];
}

/** The answer of a removal or prune: what the Engine did, in its own terms, plus one sentence for people. */
export interface RemoveResult {
  ok: true;
  message: string;
  untagged: string[];
  deleted: string[];
}

export interface PruneResult {
  ok: true;
  message: string;
  deleted: string[];
  spaceReclaimed: number;
}

export interface VolumeSummary {
  hostId: string;
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  /** ISO time, when the driver reports it */
  created: string | null;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** bytes, only when the Engine reported usage data with the list (it never computes it for a plain list) */
  size: number | null;
  usedBy: ContainerUse[];
}

export interface NetworkSummary {
  hostId: string;
  id: string;
  name: string;
  driver: string;
  scope: string;
  created: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  ipam: { subnet: string | null; gateway: string | null; ipRange: string | null }[];
  labels: Record<string, string>;
  options: Record<string, string>;
  /** bridge, host and none: the Engine's own networks, which cannot be removed */
  predefined: boolean;
  containers: (ContainerUse & { ipAddress: string | null })[];
}

/** Container logs (GET /api/v1/hosts/{id}/containers/{cid}/logs). */
export type LogStream = 'stdout' | 'stderr';

/** One whole log line: lines the Engine split (16 KiB with json-file) are joined again; no trailing newline. */
export interface LogLine {
  stream: LogStream;
  /** the Engine's RFC 3339 timestamp (nanoseconds), when timestamps were asked for */
  ts?: string;
  line: string;
}

/** Messages of a log stream (server-sent events, one JSON message per event). */
export type LogMessage =
  | { type: 'open'; id: string; name: string; tty: boolean; state: ContainerState }
  /** many lines per event, to keep the per-line overhead low */
  | { type: 'lines'; lines: LogLine[] }
  /** the last message: why the stream ended ("end of log", "container stopped", "container removed", or an error) */
  | { type: 'end'; reason: string; error?: boolean };

// Registries and background tasks live in their own module; re-exported so every import stays `@/lib/types`.
export * from './task-types';
