'use client';

import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { call } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import type { StatsSample } from '@/lib/stats-types';
import type { ContainerSummary } from '@/lib/types';

/** The server reads these figures every 3 s; asking more often would return the same numbers. */
const REFRESH_MS = 3000;
/** Scrolling settles before the rows on screen are asked for, so a fling does not send a request per frame. */
const SETTLE_MS = 250;

/**
 * CPU and memory of the list rows on screen: one batched request per host every few seconds, naming only the
 * running rows in view. The server reads only containers someone asked about, so rows nobody sees cost nothing.
 */
export function useRowStats(visible: ContainerSummary[]): Map<string, StatsSample | null> {
  const wanted = useMemo(() => {
    const byHost = new Map<string, string[]>();
    for (const c of visible) {
      if (c.state !== 'running') continue;
      byHost.set(c.hostId, [...(byHost.get(c.hostId) ?? []), c.id]);
    }
    return [...byHost].map(([hostId, ids]) => ({ hostId, ids: ids.sort() })).sort((a, b) => a.hostId.localeCompare(b.hostId));
  }, [visible]);
  const key = JSON.stringify(wanted);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const t = setTimeout(() => setSettled(key), SETTLE_MS);
    return () => clearTimeout(t);
  }, [key]);
  const asked = useMemo(() => JSON.parse(settled) as typeof wanted, [settled]);

  const results = useQueries({
    queries: asked.map(({ hostId, ids }) => ({
      queryKey: qk.statsRows(hostId, ids),
      queryFn: () => call('GET /api/v1/hosts/{id}/stats', { id: hostId, ids: ids.join(',') }),
      refetchInterval: REFRESH_MS,
      refetchIntervalInBackground: false,
      placeholderData: keepPreviousData,
      retry: false,
    })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    const m = new Map<string, StatsSample | null>();
    for (const r of results) for (const [id, s] of Object.entries(r.data?.samples ?? {})) m.set(id, s);
    return m;
    // results is a new array every render; the update stamps say when its data changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [stamp]);
}
