/** What Berth shows of a Docker Swarm (issue #14), reshaped from the Engine's /info, /swarm and /nodes at server/docker/swarm.ts. */
import type { SwarmStackSummary } from './swarm-stack-types';

export type SwarmRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';

/** A warning about the managers: even count, or one more loss away from losing quorum. */
export interface QuorumWarning {
  kind: 'even' | 'at-risk' | 'lost';
  message: string;
}

export interface Quorum {
  managers: number;
  reachable: number;
  /** floor(managers / 2) + 1 */
  needed: number;
  /** how many managers may be lost while the swarm keeps quorum */
  tolerates: number;
  warnings: QuorumWarning[];
}

/** Whether the kernel of the manager's node has IPVS (the ingress routing mesh and VIPs need it); null: not known. */
export interface IpvsCheck {
  present: boolean | null;
  /** plain words for the page: what the probe found and what to do */
  message: string;
  checkedAt: string;
}

/** A host's place in a swarm: only a manager has the rest. */
export type SwarmEnvironment =
  | { state: 'none'; message: string }
  | { state: 'worker'; message: string; nodeId: string; managerAddrs: string[] }
  | {
      state: 'manager';
      id: string;
      createdAt: string;
      updatedAt: string;
      nodeId: string;
      nodeAddr: string;
      leader: { id: string; hostname: string; addr: string } | null;
      nodes: number;
      workers: number;
      quorum: Quorum;
      ipvs: IpvsCheck;
    };

export interface SwarmNode {
  id: string;
  hostname: string;
  role: SwarmRole;
  availability: NodeAvailability;
  /** ready, down, unknown, disconnected */
  status: string;
  message: string | null;
  leader: boolean;
  /** managers only: reachable, unreachable, unknown */
  reachability: string | null;
  managerAddr: string | null;
  engineVersion: string;
  addr: string;
  nanoCpus: number;
  memoryBytes: number;
  labels: Record<string, string>;
  os: string;
  arch: string;
  /** the node's version index, which every update must name */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** the node the call was answered by (the registered host) */
  self: boolean;
}

export interface SwarmJoin {
  role: SwarmRole;
  token: string;
  /** the command to run on the joining machine */
  command: string;
}

export interface SwarmTokens {
  managerAddrs: string[];
  worker: SwarmJoin;
  manager: SwarmJoin;
}

/** How a service places its tasks: a number of replicas, one per node, or run-to-completion jobs of either kind. */
export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface ServicePort {
  protocol: string;
  target: number;
  /** null: the Engine picks one (ingress mode only) */
  published: number | null;
  /** ingress (the routing mesh, needs IPVS) or host (the node's own address) */
  mode: string;
}

/** A rolling update or rollback as the Engine reports it (UpdateStatus); null when none ever ran. */
export interface ServiceUpdate {
  /** updating, paused, completed, rollback_started, rollback_paused, rollback_completed */
  state: string;
  message: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface ServiceSummary {
  id: string;
  name: string;
  mode: ServiceMode;
  /** the image without its pinned digest */
  image: string;
  /** tasks running now / tasks wanted (replicas; for global, one per eligible node as the scheduler made them) */
  running: number;
  desired: number;
  ports: ServicePort[];
  update: ServiceUpdate | null;
  /** the stack it belongs to (com.docker.stack.namespace), if any */
  stack: string | null;
  labels: Record<string, string>;
  /** whether the Engine keeps a previous spec, which rollback needs */
  canRollback: boolean;
  /** the first pending task's reason in plain words, when a task waits for a node */
  pending: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceDetail extends ServiceSummary {
  /** the replicas asked for (replicated only) */
  replicas: number | null;
  command: string[];
  constraints: string[];
  endpointMode: string;
  networks: string[];
  updateConfig: { parallelism: number; delaySeconds: number; failureAction: string; order: string } | null;
  restartCondition: string | null;
}

/** One task of a service: a slot (or node) of it, its placement and state, and what went wrong in plain words. */
export interface SwarmTask {
  id: string;
  /** as the CLI names it: service.slot.id12 (service.node-id.id12 for global services) */
  name: string;
  serviceId: string;
  serviceName: string;
  slot: number | null;
  nodeId: string | null;
  nodeName: string | null;
  desiredState: string;
  state: string;
  /** the Engine's own message and error, for who wants them */
  message: string;
  err: string | null;
  /** what went wrong or what it waits for, naming the cause and what to do; null when all is well */
  problem: string | null;
  containerId: string | null;
  exitCode: number | null;
  image: string;
  timestamp: string;
  createdAt: string;
}

/** A service a secret or config is attached to, and the file it appears as in that service's containers. */
export interface SwarmObjectUse {
  serviceId: string;
  serviceName: string;
  target: string;
}

/** A swarm secret or config as listed (issue #14 point 5): never with a secret's value. */
export interface SwarmSecret {
  id: string;
  name: string;
  labels: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** the services whose containers have it as a file */
  usedBy: SwarmObjectUse[];
}

/** A config's detail also carries its value: configs are not secret. Text when it is UTF-8, else base64. */
export interface SwarmConfigDetail extends SwarmSecret {
  data: string;
  encoding: 'text' | 'base64';
}

/**
 * What the Swarm page's HTML comes with (server/swarm/first-screen.ts), so its tables paint before the scripts run:
 * the same values the page's API calls answer, as JSON. `role` is the viewer's on this host; `hostName` its name.
 */
export interface SwarmFirstScreen {
  hostName: string;
  role: 'viewer' | 'operator' | 'admin';
  env: SwarmEnvironment;
  nodes?: SwarmNode[];
  /** the first rows of the services list only (a screenful; the page fetches the whole list), and how many there are */
  services?: { rows: ServiceSummary[]; total: number };
  stacks?: SwarmStackSummary[];
  at: number;
}
