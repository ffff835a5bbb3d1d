'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { type ReactNode, useCallback, useRef } from 'react';
import { useRowStats } from '@/components/stats/use-row-stats';
import { cn } from '@/components/ui/cn';
import { useNow } from '@/components/ui/use-now';
import type { ContainerSummary } from '@/lib/types';
import { COLUMNS, GRID, HEADER_HEIGHT, MIN_WIDTH, ROW_HEIGHT } from './columns';
import { ContainerRow } from './container-row';
import type { Sort, SortKey } from './filter-model';

interface Props {
  rows: ContainerSummary[];
  hostNames: Map<string, string>;
  sort: Sort;
  onSort: (key: SortKey) => void;
  empty: ReactNode;
}

/**
 * A div grid rather than a <table>: only the rows in view (plus a few) exist in the DOM, each at a fixed height, so
 * 5,000 containers scroll as smoothly as 50. ARIA table roles keep it a table for assistive technology.
 */
export function ContainerTable({ rows, hostNames, sort, onSort, empty }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  // Stable between scroll frames: the virtualizer recomputes every row's position when this function changes.
  const getItemKey = useCallback((i: number) => `${rows[i].hostId}/${rows[i].id}`, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
  });
  // Figures only for the rows actually on screen (the overscan rows are not asked for). getVirtualItems() first:
  // it is what brings `range` up to date with the current scroll position.
  virtualizer.getVirtualItems();
  const range = virtualizer.range;
  const stats = useRowStats(range ? rows.slice(range.startIndex, range.endIndex + 1) : []);

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Containers"
      aria-rowcount={rows.length + 1}
      data-testid="container-table"
      className="@container min-h-0 flex-1 overflow-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className={MIN_WIDTH}>
        <div role="rowgroup" className="sticky top-0 z-10">
          <div
            role="row"
            aria-rowindex={1}
            style={{ height: HEADER_HEIGHT }}
            className={cn(
              GRID,
              'items-center border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400',
            )}
          >
            {COLUMNS.map((col) => {
              const active = col.sort && sort.key === col.sort;
              const Icon = active ? (sort.dir === 'asc' ? ArrowUp : ArrowDown) : ArrowUpDown;
              return (
                <div
                  key={col.id}
                  role="columnheader"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : col.sort ? 'none' : undefined}
                  className={cn(
                    col.show,
                    (col.id === 'actions' || col.id === 'cpu' || col.id === 'mem') && 'text-right',
                    col.id === 'actions' && 'sticky right-0 self-stretch bg-zinc-50 dark:bg-zinc-900',
                  )}
                >
                  {col.sort ? (
                    <button
                      type="button"
                      onClick={() => onSort(col.sort!)}
                      className={cn(
                        '-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-zinc-900 dark:hover:text-zinc-100',
                        active && 'text-zinc-900 dark:text-zinc-100',
                      )}
                    >
                      {col.label}
                      <Icon className={cn('size-3', !active && 'opacity-40')} aria-hidden />
                    </button>
                  ) : (
                    <span className={cn(col.id === 'actions' && 'sr-only')}>{col.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index];
            return (
              <ContainerRow
                key={item.key}
                c={c}
                hostName={hostNames.get(c.hostId) ?? c.hostId}
                now={now}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                stats={stats.get(c.id)}
              />
            );
          })}
        </div>
        {rows.length === 0 ? <div className="px-4 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">{empty}</div> : null}
      </div>
    </div>
  );
}
