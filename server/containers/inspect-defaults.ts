import type Docker from 'dockerode';

/**
 * What a container did not choose itself: the values its image and its daemon fill in. Reading a container back into
 * the launch form (duplicate, Edit & recreate) leaves out whatever equals them, so only the user's own choices show.
 */
/** The parts of an image's config that a container inherits; what equals them is left out of the launch input. */
export interface ImageDefaults {
  Cmd?: string[] | null;
  Entrypoint?: string[] | string | null;
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  Healthcheck?: Docker.HealthConfig | null;
  StopSignal?: string;
  ExposedPorts?: Record<string, object> | null;
}

export type FromInspectMode = 'duplicate' | 'recreate';

/** What the daemon fills in by itself, so a value equal to it is not shown as the container's own choice. */
export interface DaemonDefaults {
  cgroupVersion?: string;
  loggingDriver?: string;
  defaultRuntime?: string;
}
