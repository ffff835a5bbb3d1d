import { afterEach, describe, expect, it } from 'vitest';
import type { Berth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { findHostRecord, getMeta, setMeta } from '@/server/hosts/repo';
import { freshBerth, harness, read, type Store } from './support';

describe.each<Store>(['sqlite', 'postgres'])('the %s store', (store) => {
  let berth: Berth | undefined;
  afterEach(async () => {
    await berth?.close();
    berth = undefined;
  });

  it('migrates an empty store, saves a TLS host with its secrets sealed, and reads it back', async () => {
    berth = await freshBerth(store);
    const h = harness();
    const view = await createHost(berth, {
      kind: 'tcp',
      name: 'b-tls',
      host: h.DOCKER_B_TCP_HOST,
      port: Number(h.DOCKER_B_TCP_PORT),
      ca: read(h.TLS_CA),
      cert: read(h.TLS_CLIENT_CERT),
      key: read(h.TLS_CLIENT_KEY),
    });
    expect(view.info?.engineVersion).toMatch(/^\d+\./);
    expect(JSON.stringify(view)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);

    const row = await berth.db.selectFrom('hosts').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row.secrets).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(row.settings).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    const back = await findHostRecord(berth.db, berth.box, view.id);
    expect(back?.connection).toMatchObject({ kind: 'tcp', key: read(h.TLS_CLIENT_KEY) });
  });

  it('keeps meta values and survives a second migration run', async () => {
    berth = await freshBerth(store);
    await setMeta(berth.db, 'k', 'v1');
    await setMeta(berth.db, 'k', 'v2');
    expect(await getMeta(berth.db, 'k')).toBe('v2');
    const dataDir = berth.config.dataDir;
    await berth.close();
    // Re-opening the same store must not re-run or fail on applied migrations.
    const { startBerth } = await import('@/server/context');
    const { loadConfig } = await import('@/server/config');
    berth = await startBerth(
      loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_AUTO_REGISTER: '0', ...(store === 'postgres' ? { DATABASE_URL: harness().PG_URL } : {}) }),
    );
    expect(await getMeta(berth.db, 'k')).toBe('v2');
  });
});
