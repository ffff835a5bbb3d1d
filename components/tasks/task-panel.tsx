'use client';

import { CheckCircle2, ChevronDown, ChevronUp, CircleX, ListTodo, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { useHosts } from '@/lib/live';
import type { TaskView } from '@/lib/types';
import { TaskProgress } from './task-progress';
import { useTasks, useTaskStream } from './use-tasks';

const RECENT = 5;

function StateIcon({ task }: { task: TaskView }) {
  if (task.state === 'running') return <Loader2 className="size-4 animate-spin text-accent" aria-label="running" />;
  if (task.state === 'succeeded') return <CheckCircle2 className="size-4 text-green-600" aria-label="succeeded" />;
  return <CircleX className="size-4 text-red-600" aria-label="failed" />;
}

function TaskItem({ task, hostName }: { task: TaskView; hostName?: string }) {
  return (
    <li data-testid="task" data-state={task.state} className="flex flex-col gap-1.5 border-b border-zinc-200 px-3 py-2 last:border-b-0 dark:border-zinc-800">
      <div className="flex items-center gap-2">
        <StateIcon task={task} />
        {task.link ? (
          <Link href={task.link} className="min-w-0 flex-1 truncate text-sm font-medium hover:underline" title={task.title}>
            {task.title}
          </Link>
        ) : (
          <span className="min-w-0 flex-1 truncate text-sm font-medium" title={task.title}>
            {task.title}
          </span>
        )}
        {hostName ? <span className="shrink-0 text-xs text-zinc-500">{hostName}</span> : null}
      </div>
      {task.state === 'running' ? (
        <TaskProgress task={task} logLines={4} />
      ) : (
        <>
          {task.error ? <p className="text-xs break-words text-red-600 dark:text-red-400">{task.error}</p> : null}
          {!task.error && task.message ? (
            <p className="truncate text-xs text-zinc-500" title={task.message}>
              {task.message}
            </p>
          ) : null}
          {task.layers.length || task.log.length ? (
            // Finished work keeps its layers and log behind a disclosure, for a look at what happened.
            <details className="text-xs">
              <summary className="cursor-pointer text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">Details</summary>
              <div className="pt-1.5">
                <TaskProgress task={{ ...task, error: null, message: null }} logLines={20} />
              </div>
            </details>
          ) : null}
        </>
      )}
    </li>
  );
}

/**
 * The background-task panel, mounted once in the app shell so it stays while pages change. It holds the task stream
 * open, shows running tasks with their progress (per-layer bars for pulls) and the most recent finished ones, and
 * opens by itself when a new task starts. It is docked in the page's flow below <main> (not floating over it), so
 * the page gives it room and it never covers a table's last row or a form's button, on a desktop or a phone.
 */
export function TaskPanel() {
  useTaskStream();
  const tasks = useTasks();
  const hosts = useHosts();
  const names = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  const [open, setOpen] = useState(false);
  const [cleared, setCleared] = useState<Set<string>>(new Set());
  const running = tasks.filter((t) => t.state === 'running');
  const finished = tasks.filter((t) => t.state !== 'running' && !cleared.has(t.id)).slice(0, RECENT);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    // The first list is history (the snapshot); only tasks started after it open the panel.
    const before = seen.current;
    if (before && tasks.some((t) => t.state === 'running' && !before.has(t.id))) setOpen(true);
    seen.current = new Set([...(before ?? []), ...tasks.map((t) => t.id)]);
  }, [tasks]);

  if (!running.length && !finished.length) return null;
  const failed = finished.filter((t) => t.state === 'failed').length;
  return (
    <section
      aria-label="Background tasks"
      data-testid="task-dock"
      className="flex shrink-0 flex-col border-t border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls="task-list"
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 px-3 py-1.5 text-left text-sm font-medium hover:bg-zinc-50 md:px-6 dark:hover:bg-zinc-800/60"
      >
        <ListTodo className="size-4 text-zinc-500" aria-hidden />
        <span className="flex-1">
          Tasks
          <span className="ml-2 text-xs font-normal text-zinc-500">
            {running.length ? `${running.length} running` : 'none running'}
            {failed ? ` · ${failed} failed` : ''}
          </span>
        </span>
        {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronUp className="size-4" aria-hidden />}
      </button>
      <div id="task-list" hidden={!open} className="max-h-[40vh] overflow-auto border-t border-zinc-200 md:px-3 dark:border-zinc-800">
        <ul>
          {[...running, ...finished].map((t) => (
            <TaskItem key={t.id} task={t} hostName={t.hostId ? names.get(t.hostId) : undefined} />
          ))}
        </ul>
        {finished.length ? (
          <div className="flex justify-end px-3 py-1.5">
            <button
              type="button"
              className={cn('text-xs text-zinc-500 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100')}
              onClick={() => setCleared(new Set([...cleared, ...finished.map((t) => t.id)]))}
            >
              Clear finished
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
