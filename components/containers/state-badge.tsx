import { Badge, type Tone } from '@/components/ui/badge';
import type { ContainerState, Health } from '@/lib/types';

/** An exited container that failed (non-zero exit code in "Exited (1) 3 minutes ago") reads red; a clean exit grey. */
export function stateTone(state: ContainerState, status = ''): Tone {
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
    case 'exited': {
      const code = /Exited \((\d+)\)/.exec(status)?.[1];
      return code && code !== '0' ? 'red' : 'grey';
    }
    default:
      return 'grey';
  }
}

const HEALTH_TONE: Record<NonNullable<Health>, Tone> = { healthy: 'green', unhealthy: 'red', starting: 'amber' };

export function StateBadge({ state, status }: { state: ContainerState; status?: string }) {
  return (
    <Badge tone={stateTone(state, status)} dot title={status || undefined}>
      {state}
    </Badge>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  if (!health) return null;
  return (
    <Badge tone={HEALTH_TONE[health]} title={`Health check: ${health}`}>
      {health}
    </Badge>
  );
}
