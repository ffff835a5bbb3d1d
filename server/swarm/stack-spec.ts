/**
 * The Engine's shapes that a Swarm stack is made of (API 1.41+), as Berth sends and reads them: a service spec, and
 * the networks, secrets and configs a stack creates. Only the fields the stack conversion sets or export reads.
 */

export const NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const IMAGE_LABEL = 'com.docker.stack.image';
/** sha256 of the converted spec: the plan says "unchanged" when a service's label equals the file's */
export const SPEC_HASH_LABEL = 'io.berth.stack.spec-hash';

interface FileTarget {
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

export interface Mount {
  Type: 'volume' | 'bind' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface ContainerSpec {
  Image: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: Mount[];
  StopSignal?: string;
  StopGracePeriod?: number;
  HealthCheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number };
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[] };
  Secrets?: { File: FileTarget; SecretID: string; SecretName: string }[];
  Configs?: { File: FileTarget; ConfigID: string; ConfigName: string }[];
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Init?: boolean;
}

export interface UpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface PortConfig {
  Name?: string;
  Protocol: 'tcp' | 'udp' | 'sctp';
  TargetPort: number;
  PublishedPort?: number;
  PublishMode: 'ingress' | 'host';
}

export interface EngineServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: ContainerSpec;
    Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number }; Reservations?: { NanoCPUs?: number; MemoryBytes?: number } };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: { Constraints?: string[]; Preferences?: { Spread: { SpreadDescriptor: string } }[]; MaxReplicas?: number };
    Networks?: { Target: string; Aliases?: string[] }[];
    LogDriver?: { Name: string; Options?: Record<string, string> };
    ForceUpdate?: number;
  };
  Mode: { Replicated?: { Replicas?: number }; Global?: Record<string, never> };
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  EndpointSpec?: { Mode?: 'vip' | 'dnsrr'; Ports?: PortConfig[] };
}

export interface NetworkCreate {
  /** the key in the file */
  key: string;
  Name: string;
  Driver: string;
  Labels: Record<string, string>;
  Options: Record<string, string>;
  Internal: boolean;
  Attachable: boolean;
}

/** A secret or config to create: its data base64-encoded, as the Engine takes it. */
export interface ObjectCreate {
  key: string;
  Name: string;
  Labels: Record<string, string>;
  Data: string;
}

/** What a compose file becomes on Swarm: what to create, what must already exist, and the services. */
export interface ConvertedStack {
  stack: string;
  networks: NetworkCreate[];
  secrets: ObjectCreate[];
  configs: ObjectCreate[];
  /** external resources, by the name they must have on the swarm */
  external: { networks: string[]; secrets: string[]; configs: string[] };
  services: EngineServiceSpec[];
  warnings: string[];
}
