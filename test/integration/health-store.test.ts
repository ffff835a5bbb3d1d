import { afterEach, describe, expect, it } from 'vitest';
import type { Berth } from '@/server/context';
import { deleteHealth, deleteHealthOfOtherHosts, loadHealth, type SavedHealth, saveHealth } from '@/server/health/store';
import { freshBerth, type Store } from './support';

/** health_states (migration 0005_health) on both stores: the upsert, restore and deletes the checker relies on. */
describe.each<Store>(['sqlite', 'postgres'])('health state rows on the %s store', (store) => {
  let berth: Berth | undefined;
  afterEach(async () => {
    await berth?.close();
    berth = undefined;
  });

  const row = (containerId: string, hostId = 'h1'): SavedHealth => ({
    hostId,
    containerId,
    stack: 'shop',
    service: 'web',
    number: 2,
    name: 'shop-web-2',
    tracker: {
      state: 'initializing',
      startedAt: Date.parse('2026-01-01T00:00:00.000Z'),
      since: Date.parse('2026-01-01T00:00:00.000Z'),
      successes: 0,
      failures: 0,
      lastError: null,
    },
    recreate: null,
  });

  it('saves, overwrites in place, reads back exactly, and deletes gone containers and unknown hosts', async () => {
    berth = await freshBerth(store);
    const a = row('c1');
    await saveHealth(berth.db, a);
    const later: SavedHealth = {
      ...a,
      tracker: {
        ...a.tracker,
        state: 'unhealthy',
        since: Date.parse('2026-01-01T00:01:00.000Z'),
        failures: 3,
        lastError: 'TCP port 9090 refused or timed out',
      },
      recreate: { attempts: 2, notBefore: Date.parse('2026-01-01T00:02:00.000Z') },
    };
    await saveHealth(berth.db, later);
    await saveHealth(berth.db, row('c2'));
    await saveHealth(berth.db, row('c1', 'h2'));
    const all = await loadHealth(berth.db);
    expect(all).toHaveLength(3);
    expect(all.find((r) => r.containerId === 'c1' && r.hostId === 'h1')).toEqual(later);

    await deleteHealth(berth.db, 'h1', ['c2']);
    await deleteHealthOfOtherHosts(berth.db, ['h1']);
    expect((await loadHealth(berth.db)).map((r) => `${r.hostId}/${r.containerId}`)).toEqual(['h1/c1']);
  });
});
