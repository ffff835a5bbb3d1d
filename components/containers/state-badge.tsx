import { Badge, type Tone } from '@/components/ui/badge';
import type { ContainerState, Health } from '@/lib/types';
import { capitalize } from '@/lib/words';

/** An exited container that failed (non-zero exit code) reads red; a clean exit grey. */
export function stateTone(state: ContainerState, exitCode: number | null = null): Tone {
  switch (state) {
    case 'running':
      return 'green';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'amber';
    case 'dead':
      return 'red';
    case 'created':
      return 'blue';
    case 'exited':
      return exitCode ? 'red' : 'grey';
    default:
      return 'grey';
  }
}

const HEALTH_TONE: Record<NonNullable<Health>, Tone> = { healthy: 'green', unhealthy: 'red', starting: 'amber' };

export function StateBadge({ state, exitCode = null }: { state: ContainerState; exitCode?: number | null }) {
  return (
    <Badge tone={stateTone(state, exitCode)} dot>
      {state}
    </Badge>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  if (!health) return null;
  return (
    <Badge tone={HEALTH_TONE[health]} title={`Health check: ${health}`}>
      {capitalize(health)}
    </Badge>
  );
}
