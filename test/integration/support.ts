import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '@/server/config';
import { type Berth, startBerth } from '@/server/context';
import { openDb } from '@/server/db';

const run = promisify(execFile);

export interface HarnessEnv {
  DOCKER_CLI: string;
  TEST_IMAGE: string;
  DOCKER_A_SOCKET: string;
  DOCKER_B_SOCKET: string;
  DOCKER_B_TCP_HOST: string;
  DOCKER_B_TCP_PORT: string;
  TLS_CA: string;
  TLS_CLIENT_CERT: string;
  TLS_CLIENT_KEY: string;
  TLS_WRONG_CA: string;
  TLS_WRONG_CLIENT_CERT: string;
  TLS_WRONG_CLIENT_KEY: string;
  TLS_EXPIRED_CLIENT_CERT: string;
  TLS_EXPIRED_CLIENT_KEY: string;
  PG_URL: string;
  SSH_HOST: string;
  SSH_PORT: string;
  SSH_USER: string;
  SSH_KEY: string;
  SSH_HOST_FINGERPRINT: string;
}

/** The daemons, PostgreSQL and sshd that scripts/harness/up.sh started for this run. */
export function harness(): HarnessEnv {
  const dir = process.env.BERTH_HARNESS_DIR ?? path.resolve(__dirname, '../../.harness');
  const file = path.join(dir, 'env.json');
  if (!fs.existsSync(file)) throw new Error(`No test harness at ${dir}: run \`bash scripts/harness/up.sh\` (npm test does it for you)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HarnessEnv;
}

export const read = (p: string) => fs.readFileSync(p, 'utf8');

/** The docker CLI, as a user would run it, against one of the harness daemons. */
export async function docker(socket: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(harness().DOCKER_CLI, ['-H', `unix://${socket}`, ...args], { timeout: 60_000 });
  return stdout.trim();
}

export type Store = 'sqlite' | 'postgres';

/** A Berth with an empty store of the given kind, no auto-registration and a fast heartbeat. */
export async function freshBerth(store: Store = 'sqlite', extra: Record<string, string> = {}): Promise<Berth> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-int-'));
  if (store === 'postgres') await resetPostgres(harness().PG_URL);
  const config = loadConfig({
    BERTH_DATA_DIR: dataDir,
    BERTH_AUTO_REGISTER: '0',
    BERTH_HEARTBEAT_MS: '500',
    ...(store === 'postgres' ? { DATABASE_URL: harness().PG_URL } : {}),
    ...extra,
  });
  return startBerth(config);
}

export async function resetPostgres(url: string): Promise<void> {
  const db = await openDb({ databaseUrl: url, dataDir: os.tmpdir() });
  await sql`drop table if exists hosts, meta, berth_migrations, berth_migrations_lock cascade`.execute(db);
  await db.destroy();
}

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
