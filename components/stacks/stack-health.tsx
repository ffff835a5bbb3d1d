'use client';

import { HeartPulse } from 'lucide-react';
import { useMemo } from 'react';
import { useExternalHealth } from '@/components/containers/external-health';
import { Badge } from '@/components/ui/badge';
import { useContainers } from '@/lib/live';

type Counts = { healthy: number; unhealthy: number; initializing: number };
const ORDER = [
  ['unhealthy', 'red'],
  ['initializing', 'blue'],
  ['healthy', 'green'],
] as const;

/**
 * Health per stack for the stacks list, keyed `hostId/name`: each container counts once, with Berth's external check
 * (x-berth-healthcheck) if it has one, else the Engine's own healthcheck status (`starting` counts as initializing).
 * Containers with neither are not counted.
 */
export function useStackHealth(): Map<string, Counts> {
  const external = useExternalHealth((l) => l);
  const containers = useContainers().data;
  return useMemo(() => {
    const out = new Map<string, Counts>();
    const add = (key: string, state: keyof Counts) => {
      const c = out.get(key) ?? { healthy: 0, unhealthy: 0, initializing: 0 };
      c[state] += 1;
      out.set(key, c);
    };
    const checked = new Set<string>();
    for (const h of external ?? []) {
      checked.add(h.containerId);
      add(`${h.hostId}/${h.stack}`, h.state);
    }
    for (const c of containers ?? []) {
      if (!c.project || !c.health || checked.has(c.id)) continue;
      add(`${c.hostId}/${c.project}`, c.health === 'starting' ? 'initializing' : c.health);
    }
    return out;
  }, [external, containers]);
}

export function StackHealthBadges({ counts }: { counts: Counts | undefined }) {
  if (!counts) return <span className="text-zinc-400 dark:text-zinc-600">—</span>;
  return (
    <span
      data-testid="stack-health"
      data-healthy={counts.healthy}
      data-unhealthy={counts.unhealthy}
      data-initializing={counts.initializing}
      className="inline-flex items-center gap-1"
    >
      {ORDER.filter(([k]) => counts[k] > 0).map(([k, tone]) => (
        <Badge
          key={k}
          tone={tone}
          title={`${counts[k]} ${counts[k] === 1 ? 'container' : 'containers'} ${k} (Berth health check, else the Engine healthcheck)`}
        >
          <HeartPulse className="size-3" aria-hidden />
          {counts[k]} {k}
        </Badge>
      ))}
    </span>
  );
}
