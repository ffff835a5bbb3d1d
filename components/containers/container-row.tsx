'use client';

import Link from 'next/link';
import { memo } from 'react';
import { cn } from '@/components/ui/cn';
import { formatDateTime, formatPorts, formatRelative, formatStatus, fromUnixSeconds, shortId } from '@/lib/format';
import { CpuCell, MemCell } from '@/components/stats/stats-cells';
import type { StatsSample } from '@/lib/stats-types';
import type { ContainerSummary } from '@/lib/types';
import { GRID, ROW_HEIGHT, SHOW } from './columns';
import { behindFor, UpdateBadge, useImageUpdates } from '@/components/images/image-updates';
import { ExternalHealthBadge, useExternalHealth } from './external-health';
import { RowMenu } from './row-menu';
import { HealthBadge, StateBadge } from './state-badge';

interface RowProps {
  c: ContainerSummary;
  hostName: string;
  now: number;
  index: number;
  top: number;
  /** CPU/memory figures, for rows on screen */
  stats?: StatsSample | null;
}

export const ContainerRow = memo(function ContainerRow({ c, hostName, now, index, top, stats }: RowProps) {
  const ports = formatPorts(c.ports);
  const href = `/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.id)}`;
  const ext = useExternalHealth((l) => l.find((h) => h.containerId === c.id));
  const update = useImageUpdates(c.hostId, behindFor(c.id));
  // the list API fills `health` from the external check when the Engine has none: show that once
  const engineHealth = ext && c.health === (ext.state === 'initializing' ? 'starting' : ext.state) ? null : c.health;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="container-row"
      data-name={c.name}
      data-state={c.state}
      data-host={hostName}
      data-id={c.id}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className={cn(
        GRID,
        'group absolute inset-x-0 top-0 items-center border-b border-zinc-100 text-sm hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-800/40',
      )}
    >
      <div role="cell" className="flex min-w-0 items-baseline gap-2">
        <Link
          href={href}
          prefetch={false}
          title={`${c.name} (${shortId(c.id)})`}
          className="truncate font-medium text-zinc-900 hover:text-accent hover:underline dark:text-zinc-100"
        >
          {c.name}
        </Link>
        <span className="hidden shrink-0 font-mono text-[11px] text-zinc-400 2xl:inline dark:text-zinc-500">{shortId(c.id)}</span>
      </div>
      <div role="cell" className="flex min-w-0 items-center gap-1.5">
        <StateBadge state={c.state} exitCode={c.exitCode} />
        <HealthBadge health={engineHealth} />
        <ExternalHealthBadge h={ext} />
        <UpdateBadge u={update} />
        <span className="truncate text-[11px] text-zinc-500 dark:text-zinc-400">{formatStatus(c, now)}</span>
      </div>
      <div role="cell" className={cn(SHOW.host, 'truncate text-zinc-600 dark:text-zinc-400')}>
        {hostName}
      </div>
      <div role="cell" className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={c.image}>
        {c.image}
      </div>
      <div role="cell" className={cn(SHOW.ports, 'truncate font-mono text-xs text-zinc-600 dark:text-zinc-400')} title={ports.join('\n') || undefined}>
        {ports.length === 0 ? <span className="text-zinc-400 dark:text-zinc-600">—</span> : ports.slice(0, 2).join(', ')}
        {ports.length > 2 ? <span className="ml-1 text-zinc-400">+{ports.length - 2}</span> : null}
      </div>
      <CpuCell state={c.state} s={stats} />
      <MemCell state={c.state} s={stats} />
      <div role="cell" className={cn(SHOW.created, 'truncate text-xs text-zinc-500 dark:text-zinc-400')} title={formatDateTime(fromUnixSeconds(c.created))}>
        {formatRelative(fromUnixSeconds(c.created), now)}
      </div>
      <div
        role="cell"
        className={cn(SHOW.project, 'truncate text-xs text-zinc-600 dark:text-zinc-400')}
        title={c.project ? `${c.project} / ${c.service ?? ''}` : undefined}
      >
        {c.berth === 'health-agent' ? (
          <span
            className="font-medium text-zinc-700 dark:text-zinc-300"
            title="Berth runs the stacks' external health checks on this host from this container"
            data-testid="berth-system"
          >
            Berth · health agent
          </span>
        ) : c.project ? (
          <>
            <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.project}</span>
            {c.service ? <span className="text-zinc-400"> / {c.service}</span> : null}
          </>
        ) : (
          <span className="text-zinc-400 dark:text-zinc-600">—</span>
        )}
      </div>
      {/* pinned to the right edge, so that on a phone (where the table scrolls sideways) the menu is still in reach */}
      <div role="cell" className="sticky right-0 flex justify-end bg-white group-hover:bg-zinc-50 dark:bg-zinc-900 dark:group-hover:bg-[#1e1e21]">
        <RowMenu c={c} />
      </div>
    </div>
  );
});
