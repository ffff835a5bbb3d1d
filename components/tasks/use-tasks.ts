'use client';

import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { qk } from '@/lib/query-keys';
import type { TaskMessage, TaskView } from '@/lib/types';

const STREAM_URL = '/api/v1/tasks/stream';
const RETRY_MS = 3000;

/** Applies one stream message to the task list (newest first). */
export function reduceTasks(old: TaskView[] | undefined, msg: TaskMessage): TaskView[] {
  if (msg.type === 'snapshot') return msg.tasks;
  const rest = (old ?? []).filter((t) => t.id !== msg.task.id);
  return [msg.task, ...rest].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/**
 * One EventSource per tab for the task stream, feeding the TanStack Query cache; opened by the panel in the shell,
 * so it lives across page changes. A broken stream is reopened (its snapshot repairs what was missed).
 */
class TaskStream {
  private es: EventSource | null = null;
  private refs = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private client: QueryClient | null = null;

  attach(client: QueryClient): () => void {
    this.client = client;
    if (this.refs++ === 0) this.open();
    return () => {
      if (--this.refs === 0) this.close();
    };
  }

  private open() {
    const es = new EventSource(STREAM_URL);
    this.es = es;
    es.onmessage = (e) => {
      const msg = JSON.parse(e.data) as TaskMessage;
      this.client?.setQueryData<TaskView[]>(qk.tasks, (old) => reduceTasks(old, msg));
    };
    es.onerror = () => {
      es.close();
      if (this.es !== es) return;
      this.es = null;
      this.retry = setTimeout(() => this.refs > 0 && this.open(), RETRY_MS);
    };
  }

  private close() {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.es?.close();
    this.es = null;
  }
}

const stream = new TaskStream();

/** Keeps the task stream open while mounted (the shell's panel does this once). */
export function useTaskStream() {
  const client = useQueryClient();
  useEffect(() => stream.attach(client), [client]);
}

/** The task list from the cache the stream fills; it is never fetched on its own. */
export function useTasks(): TaskView[] {
  const q = useQuery<TaskView[]>({ queryKey: qk.tasks, queryFn: () => Promise.resolve([]), staleTime: Infinity, enabled: false, initialData: [] });
  return q.data;
}

/** One task, e.g. the pull a dialog started. */
export function useTask(id: string | null): TaskView | null {
  const list = useTasks();
  return id ? (list.find((t) => t.id === id) ?? null) : null;
}
