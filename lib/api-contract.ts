import type { AlertChannelView, AlertDeliveryView, ChannelTestResult } from './alert-channel-types';
import type { Alert } from './alert-types';
import type { AlertRuleView, MaintenanceWindowView } from './schemas/alerts';
import type { CatalogSourceView } from './catalog-sources';
import type { CatalogListing, CatalogTemplate } from './catalog-types';
import type { CatalogUpgradeAnswer, StackCatalogView } from './catalog-upgrade';
import type { AuditView, GrantView, PageAccount, RoleName, TokenView, UserView } from './auth-types';
import type { ComposeIssue, OperationView, StackDetail, StackPlan, StackSummary, StackVersionView } from './compose-types';
import type { ContainerDiagnosis, StackDiagnosis } from './diagnosis-types';
import type { ContainerHealth } from './health-types';
import type { BerthHealthSpec } from './schemas/health';
import type { Launch } from './schemas/launch';
import type { StackFolderView } from './schemas/stack-folder';
import type { ImageUpdatesAnswer } from './image-update-types';
import type { ContainerStatsBatch } from './stats-types';
import type { ServiceChanged, ServiceFormValue } from './schemas/swarm-service';
import type { ServiceDetail, ServiceSummary, SwarmConfigDetail, SwarmEnvironment, SwarmNode, SwarmSecret, SwarmTask, SwarmTokens } from './swarm-types';
import type { SwarmStackDeployResult, SwarmStackDetail, SwarmStackPlan, SwarmStackSummary } from './swarm-stack-types';
import type { RegistryView, TaskView } from './task-types';
import type {
  ContainerDetail,
  ContainerListResponse,
  HostView,
  ImageDetail,
  ImageSummary,
  NetworkSummary,
  PruneResult,
  RemoveResult,
  VolumeSummary,
} from './types';

/** A change that answers with what it did, in words for a toast. */
export interface Done {
  ok: true;
  message: string;
}

export interface Ok {
  ok: true;
}

/** A stack operation (deploy, scale, rollback, an action, an upgrade step): the operation to follow. */
interface OperationAnswer {
  operation: OperationView;
}

/** A background task just started; with `?wait=true` the answer waits and carries its result too. */
interface TaskAnswer {
  task: TaskView;
  result?: unknown;
}

type HealthSettings = Record<string, BerthHealthSpec | null>;

/**
 * The JSON body each API route answers with (2xx), by "METHOD /path" with the route's own {param} names (the folder
 * names under app/api). Handlers return through `reply()` and clients call through `call()` (lib/api-client.ts), so
 * both sides are checked against this one table; lib/api-contract.test.ts checks every entry names a real handler.
 * Streams (server-sent events) and downloads are not JSON and are not listed.
 */
export interface ApiRoutes {
  'GET /api/health': { ok: true; store: 'postgres' | 'sqlite'; liveSubscribers: number };

  'GET /api/v1/setup': { needsSetup: boolean };
  'POST /api/v1/setup': Ok;
  'POST /api/v1/auth/login': { token: string; tokenType: 'Bearer'; expiresAt: string };
  'GET /api/v1/auth/me': { account: PageAccount; roles: Record<string, RoleName | null> };
  'GET /api/v1/auth/tokens': { tokens: TokenView[] };
  'POST /api/v1/auth/tokens': { token: string; info: TokenView };
  'DELETE /api/v1/auth/tokens/{tid}': Ok;
  'GET /api/v1/users': { users: UserView[] };
  'POST /api/v1/users': { user: UserView };
  'PATCH /api/v1/users/{uid}': { user: UserView };
  'GET /api/v1/grants': { grants: GrantView[] };
  'POST /api/v1/grants': { grant: GrantView };
  'DELETE /api/v1/grants/{gid}': Ok;
  'GET /api/v1/audit': { entries: AuditView[] };

  'GET /api/v1/hosts': { hosts: HostView[] };
  'POST /api/v1/hosts': { host: HostView };
  'POST /api/v1/hosts/ssh-fingerprint': { fingerprint: string };
  'GET /api/v1/hosts/{id}': { host: HostView };
  'PATCH /api/v1/hosts/{id}': { host: HostView };
  'DELETE /api/v1/hosts/{id}': Ok;
  /** JSON only with `ids` (the list's rows on screen); without, server-sent host totals */
  'GET /api/v1/hosts/{id}/stats': ContainerStatsBatch;

  'GET /api/v1/containers': ContainerListResponse;
  'GET /api/v1/health': { containers: ContainerHealth[] };
  'POST /api/v1/hosts/{id}/containers': { container: ContainerDetail; pulled: boolean };
  'GET /api/v1/hosts/{id}/containers/{cid}': { container: ContainerDetail };
  'POST /api/v1/hosts/{id}/containers/{cid}/{action}': Done;
  'GET /api/v1/hosts/{id}/containers/{cid}/launch-input': { launch: Launch };
  /** hints on why the container is not healthy, with the last log lines (hidden for a sensitive container unless operator) */
  'GET /api/v1/hosts/{id}/containers/{cid}/diagnosis': { diagnosis: ContainerDiagnosis };
  'POST /api/v1/hosts/{id}/containers/{cid}/recreate': { container: ContainerDetail };

  'GET /api/v1/hosts/{id}/images': { images: ImageSummary[] };
  'GET /api/v1/hosts/{id}/images/{iid}': { image: ImageDetail };
  'DELETE /api/v1/hosts/{id}/images/{iid}': RemoveResult;
  'POST /api/v1/hosts/{id}/images/{iid}/tag': Done & { ref: string };
  'POST /api/v1/hosts/{id}/images/prune': PruneResult;
  'POST /api/v1/hosts/{id}/images/pull': TaskAnswer;
  'POST /api/v1/hosts/{id}/images/build': TaskAnswer;
  /** image update checks (issue #17): the last answers, and check now */
  'GET /api/v1/hosts/{id}/images/updates': ImageUpdatesAnswer;
  'POST /api/v1/hosts/{id}/images/updates': ImageUpdatesAnswer;
  /** Update: pull + recreate (a container on its own) or a stack operation to follow (a stack service) */
  'POST /api/v1/hosts/{id}/containers/{cid}/update-image': Done & { container?: { id: string; name: string }; operation?: OperationView };

  'GET /api/v1/hosts/{id}/volumes': { volumes: VolumeSummary[] };
  'POST /api/v1/hosts/{id}/volumes': { volume: VolumeSummary };
  'DELETE /api/v1/hosts/{id}/volumes/{name}': Done;
  'POST /api/v1/hosts/{id}/volumes/prune': PruneResult;

  'GET /api/v1/hosts/{id}/networks': { networks: NetworkSummary[] };
  'POST /api/v1/hosts/{id}/networks': { network: NetworkSummary };
  'DELETE /api/v1/hosts/{id}/networks/{nid}': Done;
  'POST /api/v1/hosts/{id}/networks/{nid}/connect': Done;
  'POST /api/v1/hosts/{id}/networks/{nid}/disconnect': Done;

  'GET /api/v1/hosts/{id}/swarm': { swarm: SwarmEnvironment };
  'GET /api/v1/hosts/{id}/swarm/tokens': { tokens: SwarmTokens };
  'POST /api/v1/hosts/{id}/swarm/tokens': { tokens: SwarmTokens };
  'GET /api/v1/hosts/{id}/swarm/nodes': { nodes: SwarmNode[] };
  'GET /api/v1/hosts/{id}/swarm/nodes/{nid}': { node: SwarmNode };
  'PATCH /api/v1/hosts/{id}/swarm/nodes/{nid}': Done & { node: SwarmNode };
  'DELETE /api/v1/hosts/{id}/swarm/nodes/{nid}': Done;
  'GET /api/v1/hosts/{id}/swarm/services': { services: ServiceSummary[] };
  'GET /api/v1/hosts/{id}/swarm/services/{sid}': { service: ServiceDetail };
  'DELETE /api/v1/hosts/{id}/swarm/services/{sid}': Done;
  'GET /api/v1/hosts/{id}/swarm/services/{sid}/tasks': { tasks: SwarmTask[] };
  'POST /api/v1/hosts/{id}/swarm/services/{sid}/scale': Done & { service: ServiceDetail; warnings: string[] };
  'POST /api/v1/hosts/{id}/swarm/services/{sid}/rollback': Done & { service: ServiceDetail; warnings: string[] };
  'POST /api/v1/hosts/{id}/swarm/services': ServiceChanged;
  'GET /api/v1/hosts/{id}/swarm/services/{sid}/update': { service: ServiceFormValue };
  'POST /api/v1/hosts/{id}/swarm/services/{sid}/update': ServiceChanged;
  'GET /api/v1/hosts/{id}/swarm/secrets': { secrets: SwarmSecret[] };
  'POST /api/v1/hosts/{id}/swarm/secrets': Done & { secret: SwarmSecret };
  'GET /api/v1/hosts/{id}/swarm/secrets/{sid}': { secret: SwarmSecret };
  'DELETE /api/v1/hosts/{id}/swarm/secrets/{sid}': Done;
  'POST /api/v1/hosts/{id}/swarm/secrets/{sid}/attach': Done;
  'POST /api/v1/hosts/{id}/swarm/secrets/{sid}/detach': Done;
  'GET /api/v1/hosts/{id}/swarm/configs': { configs: SwarmSecret[] };
  'POST /api/v1/hosts/{id}/swarm/configs': Done & { config: SwarmSecret };
  'GET /api/v1/hosts/{id}/swarm/configs/{sid}': { config: SwarmConfigDetail };
  'DELETE /api/v1/hosts/{id}/swarm/configs/{sid}': Done;
  'POST /api/v1/hosts/{id}/swarm/configs/{sid}/attach': Done;
  'POST /api/v1/hosts/{id}/swarm/configs/{sid}/detach': Done;
  'GET /api/v1/hosts/{id}/swarm/stacks': { stacks: SwarmStackSummary[] };
  'POST /api/v1/hosts/{id}/swarm/stacks': Done & SwarmStackDeployResult;
  'GET /api/v1/hosts/{id}/swarm/stacks/{name}': { stack: SwarmStackDetail };
  'DELETE /api/v1/hosts/{id}/swarm/stacks/{name}': Done;
  'POST /api/v1/hosts/{id}/swarm/stacks/{name}/plan': { plan: SwarmStackPlan };

  'GET /api/v1/registries': { registries: RegistryView[] };
  'POST /api/v1/registries': { registry: RegistryView };
  'POST /api/v1/registries/test-login': Done;
  'PATCH /api/v1/registries/{rid}': { registry: RegistryView };
  'DELETE /api/v1/registries/{rid}': Done;

  'GET /api/v1/alerts/channels': { channels: AlertChannelView[] };
  'POST /api/v1/alerts/channels': { channel: AlertChannelView };
  'GET /api/v1/alerts/channels/{cid}': { channel: AlertChannelView };
  'PUT /api/v1/alerts/channels/{cid}': { channel: AlertChannelView };
  'DELETE /api/v1/alerts/channels/{cid}': Done;
  'POST /api/v1/alerts/channels/{cid}/test': ChannelTestResult;
  'GET /api/v1/alerts/channels/{cid}/deliveries': { deliveries: AlertDeliveryView[] };
  /** alerts (issue #17): open and recent, of hosts the caller can read; rules and windows (admins change them) */
  'GET /api/v1/alerts': { alerts: Alert[] };
  'GET /api/v1/alerts/{aid}': { alert: Alert };
  'POST /api/v1/alerts/{aid}': { alert: Alert };
  'GET /api/v1/alerts/rules': { rules: AlertRuleView[] };
  'POST /api/v1/alerts/rules': { rule: AlertRuleView };
  'GET /api/v1/alerts/rules/{rid}': { rule: AlertRuleView };
  'PUT /api/v1/alerts/rules/{rid}': { rule: AlertRuleView };
  'DELETE /api/v1/alerts/rules/{rid}': Done;
  'GET /api/v1/alerts/maintenance': { windows: MaintenanceWindowView[] };
  'POST /api/v1/alerts/maintenance': { window: MaintenanceWindowView };
  'DELETE /api/v1/alerts/maintenance/{wid}': Done;

  'GET /api/v1/tasks': { tasks: TaskView[] };
  'GET /api/v1/tasks/{tid}': { task: TaskView };

  'GET /api/v1/hosts/{id}/stacks': { stacks: StackSummary[] };
  'POST /api/v1/hosts/{id}/stacks': { stack: { name: string; hostId: string }; operation?: OperationView };
  'POST /api/v1/hosts/{id}/stacks/validate': { ok: boolean; issues: ComposeIssue[]; services: string[] };
  'GET /api/v1/hosts/{id}/stacks/{name}': { stack: StackDetail };
  'PUT /api/v1/hosts/{id}/stacks/{name}': { stack: StackDetail };
  'DELETE /api/v1/hosts/{id}/stacks/{name}': Done;
  'GET /api/v1/hosts/{id}/stacks/{name}/env': { env: string };
  'POST /api/v1/hosts/{id}/stacks/{name}/plan': { plan: StackPlan };
  'POST /api/v1/hosts/{id}/stacks/{name}/deploy': OperationAnswer;
  'POST /api/v1/hosts/{id}/stacks/{name}/scale': OperationAnswer;
  'POST /api/v1/hosts/{id}/stacks/{name}/rollback': OperationAnswer;
  /** stop, start, restart or down */
  'POST /api/v1/hosts/{id}/stacks/{name}/{action}': OperationAnswer;
  'GET /api/v1/hosts/{id}/stacks/{name}/operations/{opId}': OperationAnswer;
  'GET /api/v1/hosts/{id}/stacks/{name}/versions': { versions: StackVersionView[] };
  'POST /api/v1/hosts/{id}/stacks/{name}/adopt': { stack: { name: string; hostId: string }; source: 'files' | 'containers'; message: string };
  'GET /api/v1/hosts/{id}/stacks/{name}/folder': { folder: StackFolderView | null };
  'POST /api/v1/hosts/{id}/stacks/{name}/folder': { folder: StackFolderView; message: string };
  'DELETE /api/v1/hosts/{id}/stacks/{name}/folder': Done;
  'GET /api/v1/hosts/{id}/stacks/{name}/health': {
    containers: ContainerHealth[];
    settings: HealthSettings;
    probes: { mode: 'agent' | 'helper'; reason: string | null };
  };
  'PUT /api/v1/hosts/{id}/stacks/{name}/health': { ok: true; settings: HealthSettings };
  'GET /api/v1/hosts/{id}/stacks/{name}/diagnosis': { diagnosis: StackDiagnosis };
  /** the upgrade waiting for Finish or Rollback, if any */
  'GET /api/v1/hosts/{id}/stacks/{name}/upgrade': { pending: boolean; service: string | null; old: { name: string; originalName: string }[] };
  'POST /api/v1/hosts/{id}/stacks/{name}/upgrade': OperationAnswer;
  'POST /api/v1/hosts/{id}/stacks/{name}/upgrade/finish': OperationAnswer;
  'POST /api/v1/hosts/{id}/stacks/{name}/upgrade/rollback': OperationAnswer;

  'GET /api/v1/catalog': CatalogListing;
  'GET /api/v1/catalog/{template}': { template: CatalogTemplate };
  'POST /api/v1/catalog/{template}/render': { compose: string; version: string };
  'POST /api/v1/hosts/{id}/catalog/{template}/deploy': { stack: { name: string; hostId: string }; operation: OperationView };
  /** catalog sources (admins): git repositories in Berth's format, catalog files in an imported format */
  'GET /api/v1/catalog/sources': { sources: CatalogSourceView[] };
  'POST /api/v1/catalog/sources': { source: CatalogSourceView };
  'POST /api/v1/catalog/sources/{sid}/refresh': { source: CatalogSourceView };
  'DELETE /api/v1/catalog/sources/{sid}': Done;
  /** 404 with details.reason "not-from-catalog" for a stack not launched from the catalog */
  'GET /api/v1/hosts/{id}/stacks/{name}/catalog': { catalog: StackCatalogView };
  'POST /api/v1/hosts/{id}/stacks/{name}/catalog/upgrade': CatalogUpgradeAnswer;
  'POST /api/v1/hosts/{id}/catalog/{template}/plan': { plan: StackPlan };
}

export type ApiRoute = keyof ApiRoutes;
export type ApiResponse<R extends ApiRoute> = ApiRoutes[R];

/** The {param} names of a route, e.g. 'id' | 'cid'. */
export type PathParams<R extends string> = R extends `${string}{${infer K}}${infer Rest}` ? K | PathParams<Rest> : never;

/** For handlers: the body answered, checked against the contract (`return reply('GET /api/v1/hosts', { hosts })`). */
export const reply = <R extends ApiRoute>(_route: R, body: ApiResponse<R>): ApiResponse<R> => body;
