/** Swarm stacks (issue #14 point 4) as the browser sees them: what server/swarm/stack-*.ts answer. */

/** berth: deployed by Berth (its file is kept); cli: found on the swarm by the namespace label only */
export type SwarmStackSource = 'berth' | 'cli';

export interface SwarmStackSummary {
  name: string;
  source: SwarmStackSource;
  services: number;
  /** tasks running now / tasks the services want, summed over the stack's services */
  running: number;
  desired: number;
}

export interface SwarmStackService {
  id: string;
  /** the full name on the swarm, `<stack>_<svc>` */
  name: string;
  /** the key in the compose file */
  service: string;
  image: string;
  mode: 'replicated' | 'global';
  running: number;
  desired: number;
  /** published ports, e.g. "8080:80/tcp (host)" */
  ports: string[];
  /** a rolling update's state, when one ran: updating, completed, paused, rollback_completed… */
  updateState: string | null;
}

export interface SwarmStackDetail extends SwarmStackSummary {
  stackServices: SwarmStackService[];
  networks: string[];
  secrets: string[];
  configs: string[];
  /** the compose file Berth deployed (null for a stack the CLI deployed: export makes one) */
  compose: string | null;
  /** whether Berth keeps a .env for it (never sent: it may hold secrets) */
  hasEnv: boolean;
  /** names of the stack's files Berth keeps (secrets and configs with file:, env_file) */
  files: string[];
}

export type SwarmStackAction = 'create' | 'update' | 'remove' | 'unchanged';

export interface SwarmStackPlan {
  stack: string;
  services: { name: string; service: string; image: string; action: SwarmStackAction }[];
  /** names that a deploy would create */
  networks: string[];
  secrets: string[];
  configs: string[];
  /** keys docker stack deploy ignores, named */
  warnings: string[];
}

export interface SwarmStackDeployResult {
  plan: SwarmStackPlan;
  message: string;
}
