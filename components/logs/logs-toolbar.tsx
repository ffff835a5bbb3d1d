'use client';

import { Download, RotateCw, Search } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { inputClass, selectClass } from '@/components/ui/field';
import type { LogParams } from './use-log-stream';

export const TAILS = ['100', '500', '1000', '5000', '10000', '50000', '200000', 'all'];

export interface ViewOptions {
  search: string;
  onlyMatching: boolean;
  timestamps: boolean;
  wrap: boolean;
}

function Toggle({ id, label, checked, onChange }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label htmlFor={id} className="inline-flex cursor-pointer items-center gap-1.5 text-xs font-medium whitespace-nowrap text-zinc-700 dark:text-zinc-300">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-3.5 accent-(--color-accent)" />
      {label}
    </label>
  );
}

function Labeled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}

interface Props {
  params: LogParams;
  onParams: (p: Partial<LogParams>) => void;
  view: ViewOptions;
  onView: (v: Partial<ViewOptions>) => void;
  matches: number | null;
  downloadUrl: string;
  onReload: () => void;
}

/**
 * Two rows: what to read from the Engine (changing it starts the stream over), then how to show it. Memoized: the
 * viewer renders once per batch of lines, and the toolbar changes only with its inputs (or the match count).
 */
export const LogsToolbar = memo(function LogsToolbar({ params, onParams, view, onView, matches, downloadUrl, onReload }: Props) {
  const small = cn(inputClass, 'h-7 w-auto py-0 text-xs');
  return (
    <div className="flex flex-col gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Toggle id="logs-follow" label="Follow" checked={params.follow} onChange={(follow) => onParams({ follow })} />
        <Labeled id="logs-tail" label="Tail">
          <select id="logs-tail" value={params.tail} onChange={(e) => onParams({ tail: e.target.value })} className={cn(selectClass, 'h-7 w-auto text-xs')}>
            {TAILS.map((t) => (
              <option key={t} value={t}>
                {t === 'all' ? 'All lines' : Number(t).toLocaleString()}
              </option>
            ))}
          </select>
        </Labeled>
        <Labeled id="logs-since" label="Since">
          <input id="logs-since" type="datetime-local" step={1} value={params.since} onChange={(e) => onParams({ since: e.target.value })} className={small} />
        </Labeled>
        <Labeled id="logs-until" label="Until">
          <input id="logs-until" type="datetime-local" step={1} value={params.until} onChange={(e) => onParams({ until: e.target.value })} className={small} />
        </Labeled>
        <div className="ml-auto flex items-center gap-1.5">
          <button
            type="button"
            onClick={onReload}
            className="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <RotateCw className="size-3.5" aria-hidden />
            Reload
          </button>
          <a
            href={downloadUrl}
            download
            data-testid="logs-download"
            className="inline-flex h-7 items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
          >
            <Download className="size-3.5" aria-hidden />
            Download
          </a>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="relative w-full sm:w-72">
          <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-zinc-400" aria-hidden />
          <input
            type="search"
            aria-label="Search logs"
            placeholder="Search lines…"
            value={view.search}
            onChange={(e) => onView({ search: e.target.value })}
            className={cn(inputClass, 'h-7 pl-7 text-xs')}
          />
        </div>
        {matches !== null ? (
          <span data-testid="logs-match-count" className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {matches.toLocaleString()} matching {matches === 1 ? 'line' : 'lines'}
          </span>
        ) : null}
        <Toggle id="logs-only-matching" label="Only matching lines" checked={view.onlyMatching} onChange={(onlyMatching) => onView({ onlyMatching })} />
        <Toggle id="logs-timestamps" label="Timestamps" checked={view.timestamps} onChange={(timestamps) => onView({ timestamps })} />
        <Toggle id="logs-wrap" label="Wrap lines" checked={view.wrap} onChange={(wrap) => onView({ wrap })} />
      </div>
    </div>
  );
});
