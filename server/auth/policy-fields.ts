/**
 * Every Engine create field Berth may send, sorted into two reviewed lists: the fields the container policy judges
 * (container-policy.ts has a rule for each), and the fields it lets through with the reason they cannot reach past
 * the container. A field on neither list is refused for non-admins at run time, and a unit test walks every field the
 * launch form, the advanced passthrough and compose can produce, so a field added later cannot slip past unreviewed.
 */

/** HostConfig fields with a rule in containerViolations / effectiveViolations. */
export const JUDGED_HOST_CONFIG = [
  'Privileged',
  'NetworkMode',
  'PidMode',
  'IpcMode',
  'UTSMode',
  'UsernsMode',
  'CgroupnsMode',
  'Cgroup',
  'Devices',
  'DeviceCgroupRules',
  'DeviceRequests',
  'CapAdd',
  'SecurityOpt',
  'CgroupParent',
  'Runtime',
  'OomScoreAdj',
  'OomKillDisable',
  'Binds',
  'Mounts',
  'VolumesFrom',
  'VolumeDriver',
  'MaskedPaths',
  'ReadonlyPaths',
  'Annotations',
] as const;

/** HostConfig fields let through, each with why it cannot give the container more of the host. */
export const HARMLESS_HOST_CONFIG: Record<string, string> = {
  CapDrop: 'only takes capabilities away',
  Memory: 'a resource limit',
  MemoryReservation: 'a resource limit',
  MemorySwap: 'a resource limit',
  MemorySwappiness: 'a resource limit',
  KernelMemory: 'a resource limit',
  KernelMemoryTCP: 'a resource limit',
  NanoCpus: 'a resource limit',
  CpuShares: 'a resource weight',
  CpuPeriod: 'a resource limit',
  CpuQuota: 'a resource limit',
  CpuRealtimePeriod: 'a resource limit (the daemon refuses it unless it was started with a realtime budget)',
  CpuRealtimeRuntime: 'a resource limit (the daemon refuses it unless it was started with a realtime budget)',
  CpusetCpus: 'pins to CPUs: a resource limit',
  CpusetMems: 'pins to memory nodes: a resource limit',
  CpuCount: 'Windows only',
  CpuPercent: 'Windows only',
  IOMaximumIOps: 'Windows only',
  IOMaximumBandwidth: 'Windows only',
  BlkioWeight: 'an I/O weight',
  BlkioWeightDevice: 'an I/O weight per device; grants no access to the device',
  BlkioDeviceReadBps: 'an I/O limit per device; grants no access to the device',
  BlkioDeviceWriteBps: 'an I/O limit per device; grants no access to the device',
  BlkioDeviceReadIOps: 'an I/O limit per device; grants no access to the device',
  BlkioDeviceWriteIOps: 'an I/O limit per device; grants no access to the device',
  PidsLimit: 'a resource limit',
  Ulimits: 'process limits inside the container',
  ShmSize: "the size of the container's own /dev/shm",
  Tmpfs: 'memory-backed mounts inside the container',
  StorageOpt: "the size of the container's own writable layer",
  ReadonlyRootfs: 'only takes write access away',
  Init: 'runs docker-init as PID 1 inside the container',
  Sysctls:
    "the daemon accepts only namespaced sysctls and refuses net.* with the host network and ipc ones with the host IPC namespace; joins of another container's namespaces are judged by the policy",
  GroupAdd: "supplementary groups inside the container's user namespace",
  PortBindings: 'publishes container ports on the host network; reaches nothing of the host',
  PublishAllPorts: 'publishes container ports on random host ports',
  RestartPolicy: 'when the daemon restarts the container',
  AutoRemove: 'removes the container when it stops',
  LogConfig: "the daemon's own log drivers; no host path is configurable",
  Dns: "the container's resolver",
  DnsOptions: "the container's resolver",
  DnsSearch: "the container's resolver",
  ExtraHosts: "lines in the container's /etc/hosts",
  Links: "legacy links: another container's address and environment, which operators may read anyway",
  ConsoleSize: 'the TTY size',
  ContainerIDFile: 'a docker CLI setting the daemon ignores',
  Isolation: 'Windows only',
};

/** Config fields (the create body beside HostConfig) with a rule in the policy. */
export const JUDGED_CONFIG = ['NetworkingConfig'] as const;

/** Config fields let through; none of them is a host setting. */
export const HARMLESS_CONFIG: Record<string, string> = {
  name: "the container's name",
  Image: 'what runs; its processes still get only the powers above',
  Cmd: 'what runs inside',
  Entrypoint: 'what runs inside',
  Env: 'environment inside',
  WorkingDir: 'inside the container',
  User: "a user inside the container's user namespace",
  Hostname: "the container's own UTS name (the host's is judged through UTSMode)",
  Domainname: "the container's own UTS name",
  Labels: 'metadata',
  ExposedPorts: 'metadata; publishing is PortBindings',
  Volumes: "anonymous volumes inside Docker's own volume store",
  Tty: 'the container TTY',
  OpenStdin: 'stdin of the container process',
  StdinOnce: 'stdin of the container process',
  AttachStdin: 'stdin of the container process',
  AttachStdout: 'output of the container process',
  AttachStderr: 'output of the container process',
  Healthcheck: 'a command run inside the container',
  StopSignal: 'how the container is stopped',
  StopTimeout: 'how the container is stopped',
  NetworkDisabled: 'only takes networking away',
  MacAddress: "the container's own interface",
  Shell: 'a build-time setting',
  OnBuild: 'a build-time setting',
  ArgsEscaped: 'Windows only',
  HostConfig: 'judged field by field above',
  abortSignal: "dockerode's request deadline, never sent",
};

const judgedHost = new Set<string>(JUDGED_HOST_CONFIG);
const judgedConfig = new Set<string>(JUDGED_CONFIG);

/** Whether a value is "set": the Engine treats these as not given. */
const isSet = (v: unknown) =>
  !(
    v === undefined ||
    v === null ||
    v === '' ||
    v === false ||
    v === 0 ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );

/** Fields of create options on neither reviewed list, as "HostConfig.X" / "X": refused for non-admins. */
export function unreviewedFields(opts: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(opts)) if (!judgedConfig.has(k) && !(k in HARMLESS_CONFIG) && isSet(v)) out.push(k);
  const hc = (opts.HostConfig ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(hc)) if (!judgedHost.has(k) && !(k in HARMLESS_HOST_CONFIG) && isSet(v)) out.push(`HostConfig.${k}`);
  return out;
}
