import { Badge, type Tone } from '@/components/ui/badge';
import { formatRelative } from '@/lib/format';
import type { HostStatus as Status, HostView } from '@/lib/types';

const TONE: Record<Status, Tone> = { online: 'green', offline: 'red', stale: 'amber', unknown: 'grey' };

export function HostStatusBadge({ status }: { status: Status }) {
  return (
    <Badge tone={TONE[status]} dot>
      {status}
    </Badge>
  );
}

/** The badge plus what an operator needs next: why it is offline and since when, or how old a stale answer is. */
export function HostStatusCell({ h, now }: { h: HostView; now: number }) {
  const seen = h.lastSeenAt ? `last seen ${formatRelative(h.lastSeenAt, now)}` : 'never seen online';
  return (
    <div className="flex min-w-0 flex-col items-start gap-0.5">
      <HostStatusBadge status={h.status} />
      {h.status === 'offline' ? (
        <>
          {h.lastError ? (
            <span className="line-clamp-2 text-xs break-words text-red-700 dark:text-red-400" title={h.lastError} data-testid="host-last-error">
              {h.lastError}
            </span>
          ) : null}
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{seen}</span>
        </>
      ) : h.status === 'stale' ? (
        <span className="text-xs text-amber-700 dark:text-amber-300">no heartbeat since {formatRelative(h.lastCheckedAt, now)}</span>
      ) : h.status === 'unknown' ? (
        <span className="text-xs text-zinc-500 dark:text-zinc-400">connecting…</span>
      ) : null}
    </div>
  );
}
