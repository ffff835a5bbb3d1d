import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/config';
import { type Berth, startBerth } from '@/server/context';

/** The data dir holds the store (users, sessions, sealed host secrets) and the secret key: only Berth's user reads it. */
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-modes-'));
let berth: Berth | undefined;

afterAll(async () => {
  await berth?.close();
  fs.rmSync(parent, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('a fresh data dir', () => {
  it('is 0700, and the SQLite file, its WAL and SHM and secret.key are 0600, whatever the umask', async () => {
    const dir = path.join(parent, 'data');
    const old = process.umask(0o022);
    try {
      berth = await startBerth(loadConfig({ BERTH_DATA_DIR: dir, BERTH_AUTO_REGISTER: '0' }));
      // a write, so the WAL and its index exist
      await berth.db.selectFrom('hosts').select('id').execute();
    } finally {
      process.umask(old);
    }
    expect(mode(dir).toString(8)).toBe('700');
    for (const f of ['berth.sqlite', 'berth.sqlite-wal', 'berth.sqlite-shm', 'secret.key']) {
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
      expect(mode(path.join(dir, f)).toString(8), f).toBe('600');
    }
  });

  it('files an older Berth left readable by others are tightened at start', async () => {
    const dir = path.join(parent, 'old');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'berth.sqlite'), '', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'berth.sqlite'), 0o644);
    const b = await startBerth(loadConfig({ BERTH_DATA_DIR: dir, BERTH_AUTO_REGISTER: '0' }));
    try {
      expect(mode(path.join(dir, 'berth.sqlite')).toString(8)).toBe('600');
      expect(mode(path.join(dir, 'berth.sqlite-wal')).toString(8)).toBe('600');
    } finally {
      await b.close();
    }
  });
});
