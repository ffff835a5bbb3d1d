/** Every TanStack Query key in one place, so the live stream and the pages agree on where data lives. */
export const qk = {
  /** ContainerSummary[] across all hosts, kept current by the live stream */
  containers: ['containers'] as const,
  /** HostView[], kept current by the live stream */
  hosts: ['hosts'] as const,
  /** ContainerDetail of one container, refetched when the live stream reports a change to it */
  container: (hostId: string, cid: string) => ['container', hostId, cid] as const,
  containerPrefix: ['container'] as const,
  /** ImageSummary[] of one host, refetched after every image mutation */
  images: (hostId: string) => ['images', hostId] as const,
  /** ImageUpdatesAnswer of one host: the last image update checks, refetched on image-update live messages */
  imageUpdates: (hostId: string) => ['image-updates', hostId] as const,
  /** ImageDetail (with history) of one image */
  image: (hostId: string, iid: string) => ['image', hostId, iid] as const,
  /** VolumeSummary[] of one host */
  volumes: (hostId: string) => ['volumes', hostId] as const,
  /** NetworkSummary[] of one host */
  networks: (hostId: string) => ['networks', hostId] as const,
  /** SwarmEnvironment of one host (manager, worker or none), with quorum and the IPVS check */
  swarm: (hostId: string) => ['swarm', hostId] as const,
  /** SwarmNode[] of a manager's swarm, polled every 5 s while the Swarm page is open */
  swarmNodes: (hostId: string) => ['swarm-nodes', hostId] as const,
  /** SwarmTokens: join tokens, fetched only when an admin asks (never cached past the dialog) */
  swarmTokens: (hostId: string) => ['swarm-tokens', hostId] as const,
  /** SwarmSecret[] of a manager's swarm (never with values), with the services using each */
  swarmSecrets: (hostId: string) => ['swarm-secrets', hostId] as const,
  /** SwarmSecret[] (configs) of a manager's swarm, with the services using each */
  swarmConfigs: (hostId: string) => ['swarm-configs', hostId] as const,
  /** SwarmConfigDetail (with its value) of one config, fetched when its value is opened */
  swarmConfig: (hostId: string, id: string) => ['swarm-configs', hostId, id] as const,
  /** SwarmStackSummary[] of a manager's swarm (Berth's stacks and the CLI's), polled while the Swarm page is open */
  swarmStacks: (hostId: string) => ['swarm-stacks', hostId] as const,
  /** SwarmStackDetail of one stack, polled while its page is open */
  swarmStack: (hostId: string, name: string) => ['swarm-stacks', hostId, name] as const,
  /** ServiceSummary[] of a manager's swarm: refetched on service events, polled every second while shown (task counts have no events) */
  swarmServices: (hostId: string) => ['swarm-services', hostId] as const,
  /** ServiceDetail and its SwarmTask[] of one service, under one prefix so a service event refetches both */
  swarmService: (hostId: string, sid: string) => ['swarm-service', hostId, sid] as const,
  swarmServiceTasks: (hostId: string, sid: string) => ['swarm-service', hostId, sid, 'tasks'] as const,
  swarmServicePrefix: (hostId: string) => ['swarm-service', hostId] as const,
  /** ServiceFormValue of one service for the edit form: read once when the form opens, never refetched under the user's edits */
  swarmServiceForm: (hostId: string, sid: string) => ['swarm-service-form', hostId, sid] as const,
  /** TaskView[] of the task panel, kept current by the task stream (/api/v1/tasks/stream) */
  tasks: ['tasks'] as const,
  /** RegistryView[] of Settings → Registries */
  registries: ['registries'] as const,
  /** Alert[]: every firing alert the caller may see (the bell, the object banners); kept current by live 'alert' messages */
  alertsFiring: ['alerts', 'firing'] as const,
  /** Alert[] of Settings › Alerts' history (refetched on live 'alert' messages) */
  alertHistory: ['alerts', 'history'] as const,
  /** AlertRuleView[] and MaintenanceWindowView[] of Settings › Alerts */
  alertRules: ['alert-rules'] as const,
  alertWindows: ['alert-windows'] as const,
  /** AlertChannelView[] of Settings › Alert channels (admins) */
  alertChannels: ['alert-channels'] as const,
  /** AlertDeliveryView[] of one channel, newest first; refetched after Send test */
  alertDeliveries: (cid: string) => ['alert-channels', cid, 'deliveries'] as const,
  /** ContainerStatsBatch: CPU/memory of the list rows on screen of one host, polled while shown */
  statsRows: (hostId: string, ids: string[]) => ['stats-rows', hostId, ids] as const,
  /** StackSummary[] of one host (Berth's and external compose projects) */
  stacks: (hostId: string) => ['stacks', hostId] as const,
  /** StackDetail of one stack */
  stack: (hostId: string, name: string) => ['stack', hostId, name] as const,
  /** the stack's .env text (operators only; read once per page) */
  stackEnv: (hostId: string, name: string) => ['stack-env', hostId, name] as const,
  /** StackVersionView[]: the stack's deployed versions, refetched when an operation ends */
  stackVersions: (hostId: string, name: string) => ['stack-versions', hostId, name] as const,
  /** one operation of a stack, polled while it runs ('' before there is one) */
  stackOperation: (hostId: string, name: string, opId: string) => ['stack-operation', hostId, name, opId] as const,
  /** the stack's uploaded folder (StackFolderView | null) */
  stackFolder: (hostId: string, name: string) => ['stack-folder', hostId, name] as const,
  /** external health per checked container of the stack and each service's check, polled */
  stackHealth: (hostId: string, name: string) => ['stack-health', hostId, name] as const,
  containerDiagnosis: (hostId: string, cid: string) => ['container-diagnosis', hostId, cid] as const,
  stackDiagnosis: (hostId: string, name: string) => ['stack-diagnosis', hostId, name] as const,
  /** the upgrade of the stack waiting for Finish or Rollback, polled */
  stackUpgrade: (hostId: string, name: string) => ['stack-upgrade', hostId, name] as const,
  /** StackCatalogView of a catalog app (its template version, upgrades, a target's new questions), refetched when an operation ends */
  stackCatalog: (hostId: string, name: string, version?: string) => ['stack-catalog', hostId, name, version ?? ''] as const,
  /** ContainerHealth[]: Berth's external health of every checked container, polled for the lists' badges */
  externalHealth: ['external-health'] as const,
  /** a container's settings as launch input, to prefill Duplicate and Edit & recreate */
  launchInput: (hostId: string, cid: string | null, mode: string) => ['launch-input', hostId, cid, mode] as const,
  /** CatalogListing: every catalog template (summaries), filtered on the page as the user types */
  catalog: ['catalog'] as const,
  /** CatalogTemplate: one template with its versions, questions and README (the launch page) */
  catalogTemplate: (id: string) => ['catalog-template', id] as const,
  /** CatalogSourceView[]: the catalog sources of Settings (admins) */
  catalogSources: ['catalog-sources'] as const,
  /** the signed-in account and its role per host (GET /api/v1/auth/me) */
  me: ['me'] as const,
  /** TokenInfo[]: the caller's own API tokens */
  tokens: ['tokens'] as const,
  /** UserView[] of the Users page (admins) */
  users: ['users'] as const,
  /** GrantView[] of Settings → Access (admins) */
  grants: ['grants'] as const,
  /** AuditView[] pages of the Activity page, by filter query */
  audit: (query: string) => ['audit', query] as const,
  auditPrefix: ['audit'] as const,
};
