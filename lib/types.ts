/** Domain types shared by server and browser. Engine JSON is reshaped into these in server/docker/*. */

export type HostKind = 'socket' | 'tcp' | 'ssh';
export type HostStatus = 'online' | 'offline' | 'stale' | 'unknown';

export interface HostInfo {
  name: string;
  engineVersion: string;
  apiVersion: string;
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
  | { type: 'host-removed'; hostId: string };

export interface ContainerListResponse {
  containers: ContainerSummary[];
  /** hosts whose containers could not be listed, and why */
  unavailable: { hostId: string; name: string; status: HostStatus; error: string | null }[];
}
