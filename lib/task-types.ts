/** Types of private registries and of background tasks (the task panel), shared by server and browser. */

/** A private registry as the API shows it: whether a password is stored, never the password. */
export interface RegistryView {
  id: string;
  name: string;
  /** host[:port] as image references name it; "docker.io" for Docker Hub */
  address: string;
  username: string | null;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export type TaskState = 'running' | 'succeeded' | 'failed';

/** One layer of an image pull, as the Engine reports it. */
export interface TaskLayer {
  id: string;
  /** the Engine's words: "Waiting", "Downloading", "Extracting", "Pull complete", "Already exists"… */
  status: string;
  current: number | null;
  total: number | null;
  /** 0..1 of this layer's whole way (download then extract) */
  fraction: number;
}

/** A long piece of work (pull, build, prune, recreate…) running in the server, shown in the task panel. */
export interface TaskView {
  id: string;
  kind: string;
  title: string;
  hostId: string | null;
  /** who started it */
  by: string;
  state: TaskState;
  /** 0..1, or null when the work cannot tell how far it is */
  progress: number | null;
  /** the latest status line */
  message: string | null;
  layers: TaskLayer[];
  /** the last lines of its log */
  log: string[];
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  /** a small JSON result on success (e.g. the image id) */
  result: unknown;
  /** the Berth page that shows this work in full (a stack operation's stack), when there is one */
  link?: string;
}

export type TaskMessage = { type: 'snapshot'; tasks: TaskView[] } | { type: 'task'; task: TaskView };
