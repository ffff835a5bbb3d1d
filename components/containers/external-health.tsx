'use client';

import { useQuery } from '@tanstack/react-query';
import { HeartPulse } from 'lucide-react';
import { Badge, type Tone } from '@/components/ui/badge';
import { call } from '@/lib/api-client';
import type { ContainerHealth } from '@/lib/health-types';
import { qk } from '@/lib/query-keys';
import { capitalize } from '@/lib/words';

export type { ContainerHealth };

/**
 * Berth's external health checks (x-berth-healthcheck) of every checked container, polled from GET /api/v1/health
 * (in memory on the server, so cheap). The live container stream carries only the Engine's own healthcheck status;
 * this is the other half. Each caller selects what it needs, so a row re-renders only when its own state changes.
 */
export function useExternalHealth<T>(select: (list: ContainerHealth[]) => T) {
  return useQuery({
    queryKey: qk.externalHealth,
    queryFn: () => call('GET /api/v1/health'),
    refetchInterval: 5000,
    select: (d) => select(d.containers),
  }).data;
}

const TONE: Record<ContainerHealth['state'], Tone> = { healthy: 'green', unhealthy: 'red', initializing: 'blue' };

/** The external check's state, marked with a pulse icon so it is not confused with the Engine healthcheck's badge. */
export function ExternalHealthBadge({ h }: { h: Pick<ContainerHealth, 'state' | 'lastError'> | undefined }) {
  if (!h) return null;
  const title = `Berth health check (x-berth-healthcheck): ${h.state}${h.lastError ? ` — ${h.lastError}` : ''}`;
  return (
    <span data-testid="external-health" data-state={h.state}>
      <Badge tone={TONE[h.state]} title={title}>
        <HeartPulse className="size-3" aria-hidden />
        {capitalize(h.state)}
      </Badge>
    </span>
  );
}
