import type { StackTemplateRef } from './catalog-types';
/**
 * Types of stacks (compose projects) shared by server/compose, server/stacks, the API and the browser. The compose
 * model itself (ServiceSpec…) stays in server/compose/model.ts; what crosses to the browser is here.
 */

/** One problem in a compose file or .env, at its position (1-based) when it has one. */
export interface ComposeIssue {
  message: string;
  line?: number;
  col?: number;
  /** dotted path inside the file, e.g. "services.web.ports.0" */
  path?: string;
  /** which file: the compose file or the .env */
  file?: 'compose' | 'env';
}

export type ContainerActionKind = 'create' | 'recreate' | 'remove' | 'keep';

export interface PlannedContainer {
  action: ContainerActionKind;
  service: string;
  number: number;
  name: string;
  /** the existing container (recreate, remove, keep) */
  containerId?: string;
  /** why it is recreated or removed, e.g. "environment changed", "image id changed", "scaled down" */
  reasons: string[];
}

export interface PlannedResource {
  /** the name in the file ("default", "db") */
  key: string;
  /** the name on the host ("shop_default") */
  name: string;
  action: 'create' | 'keep' | 'external';
}

export interface PlannedService {
  name: string;
  image: string;
  replicas: number;
  containers: PlannedContainer[];
  /** the service's image is built before its containers are made (missing, or its build context changed) */
  build?: { reason: string };
  /** the service's image is pulled from its registry at deploy, before the plan is made (pull_policy: always) */
  pull?: { reason: string };
}

export interface StackPlan {
  project: string;
  networks: PlannedResource[];
  volumes: PlannedResource[];
  services: PlannedService[];
  /** containers of services no longer in the file */
  orphans: PlannedContainer[];
  /** things the plan leaves out on purpose, e.g. services with profiles (not deployed) */
  notes?: string[];
  /** what would make the deploy fail before it changes anything, e.g. a registry the host cannot reach */
  warnings?: string[];
  /** counts by action, for the summary line */
  summary: Record<ContainerActionKind, number> & { networks: number; volumes: number };
}

export type OperationKind =
  'deploy' | 'rollback' | 'scale' | 'stop' | 'start' | 'restart' | 'down' | 'adopt' | 'recreate' | 'upgrade' | 'upgrade-finish' | 'upgrade-rollback';
export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';
export type ServiceProgressState = 'pending' | 'waiting' | 'working' | 'done' | 'failed' | 'skipped';

export interface ServiceProgress {
  service: string;
  state: ServiceProgressState;
  /** the latest step, e.g. "created shop-web-2", "waiting for db to be healthy" */
  message: string;
}

export interface OperationView {
  id: string;
  stackName: string;
  hostId: string;
  kind: OperationKind;
  status: OperationStatus;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  services: ServiceProgress[];
  /** every step, oldest first */
  log: { at: string; service?: string; message: string }[];
}

export type StackState = 'running' | 'partial' | 'stopped' | 'not deployed' | 'empty';

export interface StackServiceState {
  name: string;
  image: string;
  /** replicas wanted by the stored file (null for external stacks) */
  replicas: number | null;
  containers: { id: string; name: string; number: number; state: string; health: string; ports: string[] }[];
}

export interface StackSummary {
  hostId: string;
  name: string;
  /** "berth": stored in Berth; "external": found on the host by its compose labels only */
  source: 'berth' | 'external';
  state: StackState;
  running: number;
  total: number;
  services: string[];
  deployedVersion: number | null;
  updatedAt: string | null;
}

export interface StackDetail extends StackSummary {
  compose: string;
  /** whether a .env is stored; its text (it may hold secrets) is read separately, by operators only */
  hasEnv: boolean;
  serviceStates: StackServiceState[];
  operations: OperationView[];
  /** the catalog template the stack was launched from, with its answers (password answers never included) */
  template?: StackTemplateRef;
}

export interface StackVersionView {
  version: number;
  createdAt: string;
  createdBy: string;
  compose: string;
  current: boolean;
}
