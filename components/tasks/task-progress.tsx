'use client';

import { cn } from '@/components/ui/cn';
import { formatBytes } from '@/lib/format';
import type { TaskLayer, TaskView } from '@/lib/types';

export function Bar({ value, label, className }: { value: number | null; label: string; className?: string }) {
  const pct = value === null ? null : Math.round(value * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800', className)}
    >
      <div
        className={cn('h-full rounded-full bg-accent transition-[width] duration-200', pct === null && 'w-1/3 animate-pulse')}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}

const bytes = (l: TaskLayer) => (l.total ? `${formatBytes(l.current ?? 0)} / ${formatBytes(l.total)}` : '');

/** One bar per image layer, with the Engine's status words, as `docker pull` shows them. */
export function LayerBars({ layers }: { layers: TaskLayer[] }) {
  if (!layers.length) return null;
  return (
    <ul className="flex flex-col gap-1" aria-label="Layers">
      {layers.map((l) => (
        <li key={l.id} data-testid="layer" className="grid grid-cols-[6.5rem_1fr] items-center gap-x-2 text-[11px]">
          <span className="font-mono text-zinc-500">{l.id}</span>
          <span className="flex min-w-0 justify-between gap-2">
            <span className="truncate" data-testid="layer-status">
              {l.status}
            </span>
            <span className="shrink-0 text-zinc-500 tabular-nums">{bytes(l)}</span>
          </span>
          <span />
          <Bar value={l.fraction} label={`Layer ${l.id}`} className="h-1" />
        </li>
      ))}
    </ul>
  );
}

/** The progress of one task: overall bar, status line, layers (pulls), log tail (builds) and the error. */
export function TaskProgress({ task, logLines = 8 }: { task: TaskView; logLines?: number }) {
  const log = task.log.slice(-logLines);
  return (
    <div className="flex flex-col gap-2">
      {task.state === 'running' ? <Bar value={task.progress} label={`Progress of ${task.title}`} /> : null}
      {task.message ? (
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={task.message}>
          {task.message}
        </p>
      ) : null}
      <LayerBars layers={task.layers} />
      {log.length ? (
        <pre
          data-testid="task-log"
          className="max-h-40 overflow-auto rounded bg-zinc-950 p-2 font-mono text-[11px] leading-snug whitespace-pre-wrap text-zinc-100"
        >
          {log.join('\n')}
        </pre>
      ) : null}
      {task.error ? (
        <p role="alert" className="text-xs font-medium break-words text-red-600 dark:text-red-400">
          {task.error}
        </p>
      ) : null}
    </div>
  );
}
