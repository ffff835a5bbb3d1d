/** What Berth shows of a Docker Swarm (issue #14), reshaped from the Engine's /info, /swarm and /nodes at server/docker/swarm.ts. */

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
