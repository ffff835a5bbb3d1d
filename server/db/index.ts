import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './schema';
import { migrateToLatest } from './migrations';

export type Db = Kysely<Database>;

export interface DbOptions {
  /** PostgreSQL URL; when absent, SQLite at `<dataDir>/berth.sqlite` */
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the store Berth was configured for and brings its schema up to date. */
export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir);
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return db;
}

function openSqlite(dataDir: string): Db {
  // 0700 when Berth makes it: the store and the secret key live here
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'berth.sqlite');
  ownerOnly(file);
  const sqlite = new SQLite(file);
  // WAL lets readers (pages) proceed while the heartbeat writes host status.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * The store holds users, password hashes, sessions and sealed host secrets: 0600. SQLite creates the -wal and -shm
 * files with the database file's permissions, so creating that file 0600 first covers them; files left by an older
 * Berth with the umask's mode are tightened.
 */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      // a path known only at run time (the data dir): the comment keeps Turbopack from tracing the whole project
      if ((fs.statSync(/* turbopackIgnore: true */ f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
