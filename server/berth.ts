import type { LoginLimiter } from './auth/rate-limit';
import type { CatalogStore } from './catalog/store';
import type { ValidationPool } from './compose/validate-pool';
import type { Config } from './config';
import type { SecretBox } from './crypto/secrets';
import type { Db } from './db';
import type { HealthRuntime } from './health/memory';
import type { ImageUpdates } from './images/update-state';
import type { Fleet } from './live/fleet';
import type { LogHub } from './logs/hub';
import type { MetricsState } from './metrics/state';
import type { StackOperations } from './stacks/operations';
import type { StatsService } from './stats/service';
import type { TaskRegistry } from './tasks/registry';

/**
 * Everything one Berth process holds, built once by startBerth() (server/context.ts) and reached through getBerth().
 * A leaf: types only, and the one global. Modules that take or find a Berth import this file, never the one that
 * builds it (which imports nearly everything).
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
  /** image update checks: the last answer per host and image reference, registries backed off, the schedule */
  imageUpdates: ImageUpdates;
  /** what /metrics counts between scrapes: stack operation outcomes, Engine event lag per host */
  metrics: MetricsState;
  /** failed sign-ins, for the form's and the API's logins alike */
  loginLimiter: LoginLimiter;
  /** the catalog's templates, read once from catalog/templates */
  catalog: CatalogStore;
  /** the worker that checks large compose files off the event loop */
  validation: ValidationPool;
  /** signs browser session cookies; derived from Berth's secret key, so it survives restarts */
  authSecret: string;
  /** more to stop when Berth closes */
  onClose(stop: () => void | Promise<void>): void;
  close(): Promise<void>;
}

const KEY = Symbol.for('berth.instance');
type Holder = { [KEY]?: Promise<Berth> };

/**
 * The process's Berth, and the only thing Berth keeps on globalThis: the custom server and Next's compiled route
 * handlers load separate copies of server/ modules, and all of them must reach the same root (and through it the same
 * store, fleet, streams, tasks, locks and health state). server.ts starts it and installs it before it listens; tests
 * install their own.
 */
export function getBerth(): Promise<Berth> {
  return (globalThis as Holder)[KEY] ?? Promise.reject(new Error('Berth is not started in this process: it is started by server.ts (npm start, npm run dev)'));
}

/** Makes `b` the process's Berth (server.ts at start; tests with a private store, before calling route handlers). */
export function installBerth(b: Berth | Promise<Berth>): void {
  (globalThis as Holder)[KEY] = Promise.resolve(b);
}
