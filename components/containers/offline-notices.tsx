'use client';

import { Alert } from '@/components/ui/alert';
import { formatRelative } from '@/lib/format';
import type { HostView } from '@/lib/types';

/** Offline hosts are named above the list; the other hosts' rows stay, because one dead daemon must not blank the page. */
export function OfflineNotices({ hosts, now }: { hosts: HostView[]; now: number }) {
  const offline = hosts.filter((h) => h.status === 'offline');
  if (!offline.length) return null;
  return (
    <div className="flex flex-col gap-1.5">
      {offline.map((h) => (
        <Alert key={h.id} tone="warning" testId="host-offline-notice">
          <p data-host={h.name}>
            <span className="font-semibold">host {h.name} is offline</span>: {h.lastError ?? 'no answer from its Docker daemon'}
            <span className="text-amber-700/80 dark:text-amber-300/70">
              {' '}
              · {h.lastSeenAt ? `last seen ${formatRelative(h.lastSeenAt, now)}` : 'never seen online'} · its containers are hidden until it answers again
            </span>
          </p>
        </Alert>
      ))}
    </div>
  );
}
