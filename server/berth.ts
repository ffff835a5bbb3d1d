import type { LoginLimiter } from './auth/rate-limit';
import type { ValidationPool } from './compose/validate-pool';
import type { Config } from './config';
import type { SecretBox } from './crypto/secrets';
import type { Db } from './db';
import type { HealthRuntime } from './health/memory';
import type { Fleet } from './live/fleet';
import type { LogHub } from './logs/hub';
import type { StackOperations } from './stacks/operations';
import type { StatsService } from './stats/service';
import type { TaskRegistry } from './tasks/registry';

/**
 * Everything one Berth process holds, built once by startBerth() (server/context.ts) and reached through getBerth().
 * Only types here: modules that take a Berth import this file, never the one that builds it.
 */
export interface Berth {
  config: Config;
  /** the store: SQLite or PostgreSQL */
  db: Db;
  box: SecretBox;
  /** every registered host's live runtime (heartbeat, event stream, container cache) */
  fleet: Fleet;
  /** live stats: shared upstream streams per container, pollers per host */
  stats: StatsService;
  /** followed logs: one shared upstream stream per container */
  logs: LogHub;
  /** background work the Tasks panel shows */
  tasks: TaskRegistry;
  /** stack operations: this process's runner id and the per-stack locks it holds */
  operations: StackOperations;
  /** the external health checker's memory, its agents per host and the probe image's state per host */
  health: HealthRuntime;
  /** failed sign-ins, for the form's and the API's logins alike */
  loginLimiter: LoginLimiter;
  /** the worker that checks large compose files off the event loop */
  validation: ValidationPool;
  /** signs browser session cookies; derived from Berth's secret key, so it survives restarts */
  authSecret: string;
  /** more to stop when Berth closes */
  onClose(stop: () => void | Promise<void>): void;
  close(): Promise<void>;
}
