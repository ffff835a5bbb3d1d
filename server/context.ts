import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Berth } from './berth';
import { type Config, loadConfig } from './config';
import { createSecretBox, loadKey } from './crypto/secrets';
import { openDb } from './db';
import { findHostByName, getMeta, listHostRecords, setMeta } from './hosts/repo';
import { createHost } from './hosts/service';
import { Fleet } from './live/fleet';
import { startAlerts } from './alerts/engine';
import { startMembershipRechecks } from './auth/membership';
import { LoginLimiter } from './auth/rate-limit';
import { seedAdminFromConfig } from './auth/setup';
import { startCatalogSources } from './catalog/sources/service';
import { builtinCatalogDir, CatalogStore } from './catalog/store';
import { ValidationPool } from './compose/validate-pool';
import { startHealthChecker } from './health/checker';
import { newHealthRuntime } from './health/memory';
import { ImageUpdates } from './images/update-state';
import { startImageUpdateSchedule } from './images/updates';
import { LogHub } from './logs/hub';
import { MetricsState } from './metrics/state';
import { StackOperations } from './stacks/operations';
import { StatsService } from './stats/service';
import { TaskRegistry } from './tasks/registry';

export { type Berth, getBerth, installBerth } from './berth';

export interface StartOptions {
  /**
   * Run the external health checker's loop. The process's own Berth (server.ts) does; tests that build their own leave
   * it off and start it with startHealthChecker when they need it, with their own timings.
   */
  healthChecker?: boolean;
  /**
   * Read the catalog's folders now, in the background, rather than at the first Catalog visit (a large catalog takes
   * seconds: every compose file is checked). The process's own Berth does; tests read it when they need it.
   */
  warmCatalog?: boolean;
}

/**
 * Builds a Berth, everything one process holds (see server/berth.ts), and starts its background work: the store,
 * secrets, every registered host's live runtime, stats, the membership re-checks, the health checker (when asked),
 * and the first-start registration. `close()` stops all of it and closes the store.
 */
export async function startBerth(config: Config = loadConfig(), opts: StartOptions = {}): Promise<Berth> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const key = loadKey(config.dataDir, config.secretKey);
  const box = createSecretBox(key);
  const fleet = new Fleet(db, config.heartbeatMs);
  for (const record of await listHostRecords(db, box)) fleet.add(record);
  const stops: (() => void | Promise<void>)[] = [];
  const stats = new StatsService(fleet);
  const operations = new StackOperations();
  const berth: Berth = {
    config,
    db,
    box,
    fleet,
    stats,
    logs: new LogHub(),
    tasks: new TaskRegistry(),
    operations,
    health: newHealthRuntime(),
    imageUpdates: new ImageUpdates(),
    metrics: new MetricsState(fleet, operations),
    loginLimiter: new LoginLimiter(),
    validation: new ValidationPool(),
    catalog: new CatalogStore([builtinCatalogDir(), ...config.catalogDirs]),
    authSecret: crypto.createHmac('sha256', key).update('berth session cookies v1').digest('hex'),
    onClose: (stop) => void stops.push(stop),
    async close() {
      // the last registered first: the health checker saves its last streak counts before the store closes
      for (const stop of stops.splice(0).reverse()) await stop();
      fleet.stopAll();
      await db.destroy();
    },
  };
  berth.onClose(() => stats.stop());
  berth.onClose(() => berth.metrics.stop());
  await seedAdminFromConfig(berth);
  berth.onClose(startMembershipRechecks(berth));
  // catalog sources an admin added: their cached templates, and the scheduled refresh (BERTH_CATALOG_REFRESH_MINUTES)
  berth.onClose(startCatalogSources(berth));
  if (opts.healthChecker) berth.onClose(startHealthChecker(berth));
  // alert rules (#17): follows every host's events from now on; its stop writes the alerts not yet saved
  berth.onClose(await startAlerts(berth));
  // image update checks of every host's running containers (BERTH_IMAGE_UPDATE_MINUTES; 0: only on demand)
  berth.onClose(startImageUpdateSchedule(berth, config.imageUpdateMinutes));
  // a failure is kept by nobody: the store reads again at the next request and reports it there
  if (opts.warmCatalog) void berth.catalog.load().catch(() => undefined);
  if (config.autoRegister) await registerLocalHost(berth);
  return berth;
}

/**
 * On the very first start, register the local Docker socket (DOCKER_HOST or /var/run/docker.sock) as a host named
 * after the machine. Only once: a user who removes it later does not want it back at the next restart.
 */
async function registerLocalHost(b: Berth): Promise<void> {
  if (await getMeta(b.db, 'local-host-registered')) return;
  const socketPath = b.config.dockerHost ?? '/var/run/docker.sock';
  // a socket path from the environment: the comment keeps Turbopack from tracing the whole project to resolve it
  if (!fs.existsSync(/* turbopackIgnore: true */ socketPath)) return;
  let name =
    os
      .hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') || 'local';
  if (await findHostByName(b.db, name)) name = `${name}-local`;
  try {
    await createHost(b, { kind: 'socket', name, socketPath });
    await setMeta(b.db, 'local-host-registered', new Date().toISOString());
    console.log(`berth: registered the local Docker socket ${socketPath} as host "${name}"`);
  } catch (e) {
    console.warn(`berth: found ${socketPath} but could not use it: ${(e as Error).message}`);
  }
}
