'use client';

import { useLiveState } from '@/lib/live';
import { cn } from '@/components/ui/cn';

const LABEL = { connecting: 'Connecting…', live: 'Live', disconnected: 'Reconnecting…' } as const;
const DOT = { connecting: 'bg-zinc-400 animate-pulse', live: 'bg-emerald-500', disconnected: 'bg-amber-500 animate-pulse' } as const;
const HINT = {
  connecting: 'Opening the live stream',
  live: 'Receiving changes from every host as they happen',
  disconnected: 'Lost the live stream to the Berth server; retrying. Data shown may be out of date.',
} as const;

/** `compact` is a second, decorative copy (the phone header); only the full one carries the test id and role. */
export function LiveIndicator({ className, compact }: { className?: string; compact?: boolean }) {
  const state = useLiveState();
  if (compact) {
    return (
      <span aria-hidden title={HINT[state]} className={cn('inline-flex items-center gap-1.5 text-xs text-zinc-500', className)}>
        <span className={cn('size-2 rounded-full', DOT[state])} />
        {LABEL[state]}
      </span>
    );
  }
  return (
    <span
      data-testid="live-indicator"
      data-state={state}
      title={HINT[state]}
      role="status"
      className={cn('inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400', className)}
    >
      <span aria-hidden className={cn('size-2 rounded-full', DOT[state])} />
      {LABEL[state]}
    </span>
  );
}
