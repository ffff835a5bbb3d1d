import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { type Config, loadConfig } from './config';
import { createSecretBox, loadKey, type SecretBox } from './crypto/secrets';
import { type Db, openDb } from './db';
import { findHostByName, getMeta, listHostRecords, setMeta } from './hosts/repo';
import { createHost } from './hosts/service';
import { Fleet } from './live/fleet';
import { startMembershipRechecks } from './auth/membership';
import { seedAdminFromConfig } from './auth/setup';

export interface Berth {
  config: Config;
  db: Db;
  box: SecretBox;
  fleet: Fleet;
  /** signs browser session cookies; derived from Berth's secret key, so it survives restarts */
  authSecret: string;
  /** services kept on the instance (stats, health checks) register their own stop here */
  onClose(stop: () => void): void;
  close(): Promise<void>;
}

/** Starts Berth's domain: store, secrets, every registered host's live runtime, and the first-start registration. */
export async function startBerth(config: Config = loadConfig()): Promise<Berth> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const key = loadKey(config.dataDir, config.secretKey);
  const box = createSecretBox(key);
  const fleet = new Fleet(db, config.heartbeatMs);
  for (const record of await listHostRecords(db, box)) fleet.add(record);
  let stopRechecks = () => {};
  const stops: (() => void)[] = [];
  const berth: Berth = {
    config,
    db,
    box,
    fleet,
    authSecret: crypto.createHmac('sha256', key).update('berth session cookies v1').digest('hex'),
    onClose: (stop) => void stops.push(stop),
    async close() {
      for (const stop of stops.splice(0)) stop();
      stopRechecks();
      fleet.stopAll();
      await db.destroy();
    },
  };
  await seedAdminFromConfig(berth);
  stopRechecks = startMembershipRechecks(berth);
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
  let name = os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'local';
  if (await findHostByName(b.db, name)) name = `${name}-local`;
  try {
    await createHost(b, { kind: 'socket', name, socketPath });
    await setMeta(b.db, 'local-host-registered', new Date().toISOString());
    console.log(`berth: registered the local Docker socket ${socketPath} as host "${name}"`);
  } catch (e) {
    console.warn(`berth: found ${socketPath} but could not use it: ${(e as Error).message}`);
  }
}

const KEY = Symbol.for('berth.instance');
type Holder = { [KEY]?: Promise<Berth> };

/**
 * The one Berth instance of this process. It lives on globalThis because the custom server and Next's compiled
 * route handlers load separate copies of server/ modules; both must see the same fleet and database.
 */
export function getBerth(): Promise<Berth> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    g[KEY] = startBerth().catch((e) => {
      delete g[KEY];
      throw e;
    });
  }
  return g[KEY]!;
}

/** Makes `b` the process's instance (tests start their own Berth with a private store, then call route handlers). */
export function installBerth(b: Berth): void {
  (globalThis as Holder)[KEY] = Promise.resolve(b);
}
