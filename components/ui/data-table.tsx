import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { Muted } from '@/components/ui/kv';
import type { ContainerUse } from '@/lib/types';

export const td = 'px-3 py-2 align-top';
export const tdMono = 'px-3 py-2 align-top font-mono text-xs text-zinc-600 dark:text-zinc-400';
export const tdMuted = 'px-3 py-2 align-top text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400';

/** A plain table in the style of the hosts table: lists of images, volumes and networks stay in the hundreds. */
export function DataTable({
  head,
  testId,
  label,
  minWidth = 'min-w-[860px]',
  empty,
  children,
}: {
  head: string[];
  testId: string;
  label: string;
  minWidth?: string;
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className={cn('w-full text-left text-sm', minWidth)} data-testid={testId} aria-label={label}>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className={h === 'Actions' ? 'px-3 py-2 text-right font-medium' : 'px-3 py-2 font-medium whitespace-nowrap'}>
                {h === 'Actions' ? <span className="sr-only">{h}</span> : h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">{children}</tbody>
      </table>
      {empty ? <div className="px-4 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">{empty}</div> : null}
    </div>
  );
}

/** Containers using a resource, as links to their pages; a few by name, then a count. */
export function UsedBy({ hostId, users, max = 3 }: { hostId: string; users: ContainerUse[]; max?: number }) {
  if (!users.length) return <Muted>—</Muted>;
  return (
    <span className="flex flex-wrap gap-x-1.5 text-xs" data-testid="used-by" title={users.map((u) => `${u.name} (${u.state})`).join('\n')}>
      {users.slice(0, max).map((u) => (
        <Link
          key={u.id}
          href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(u.id)}`}
          prefetch={false}
          className={cn('hover:text-accent hover:underline', u.state === 'running' ? 'text-zinc-800 dark:text-zinc-200' : 'text-zinc-500')}
        >
          {u.name}
        </Link>
      ))}
      {users.length > max ? <span className="text-zinc-400">+{users.length - max}</span> : null}
    </span>
  );
}

export function Labels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (!entries.length) return <Muted>—</Muted>;
  return (
    <span className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
      {entries.slice(0, 3).map(([k, v]) => (
        <span key={k} className="max-w-56 truncate font-mono" title={`${k}=${v}`}>
          {k}={v}
        </span>
      ))}
      {entries.length > 3 ? <span className="text-zinc-400">+{entries.length - 3} more</span> : null}
    </span>
  );
}
