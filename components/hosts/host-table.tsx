'use client';

import { Activity, Pencil, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Muted } from '@/components/ui/kv';
import { useNow } from '@/components/ui/use-now';
import { formatBytes } from '@/lib/format';
import type { HostView } from '@/lib/types';
import { KIND_LABEL } from './kind-label';
import { HostStatusCell } from './host-status';

export interface LiveCounts {
  running: number;
  total: number;
}

interface Props {
  hosts: HostView[];
  counts: Map<string, LiveCounts>;
  onEdit: (h: HostView) => void;
  onRemove: (h: HostView) => void;
}

/**
 * Columns that matter least show only once the table (a container query on its box, so the sidebar is already taken
 * off) has room for them: from 1280 px windows up every shown column fits, and the row's actions are always in view.
 */
const SHOW = {
  kind: 'hidden @min-[880px]:table-cell',
  cpus: 'hidden @min-[1060px]:table-cell',
  memory: 'hidden @min-[1060px]:table-cell',
  images: 'hidden @min-[1140px]:table-cell',
  os: 'hidden @min-[1260px]:table-cell',
};
const HEAD: [label: string, show?: string][] = [
  ['Name'],
  ['Status'],
  ['Kind', SHOW.kind],
  ['Address'],
  ['Engine'],
  ['OS', SHOW.os],
  ['CPUs', SHOW.cpus],
  ['Memory', SHOW.memory],
  ['Containers'],
  ['Images', SHOW.images],
  ['Actions'],
];

export function HostTable({ hosts, counts, onEdit, onRemove }: Props) {
  const now = useNow();
  return (
    <div className="@container overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[560px] text-left text-sm" data-testid="host-table">
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {HEAD.map(([h, show]) => (
              <th
                key={h}
                scope="col"
                className={cn(
                  show,
                  h === 'Actions' ? 'sticky right-0 bg-zinc-50 px-3 py-2 text-right font-medium dark:bg-zinc-900' : 'px-3 py-2 font-medium whitespace-nowrap',
                )}
              >
                {h === 'Actions' ? <span className="sr-only">{h}</span> : h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {hosts.map((h) => {
            const info = h.info;
            // Live counts when the host answers; otherwise the last numbers it reported, dimmed.
            const live = h.status === 'online' ? counts.get(h.id) : undefined;
            const running = live?.running ?? info?.containersRunning;
            const total = live?.total ?? info?.containers;
            return (
              <tr
                key={h.id}
                data-testid="host-row"
                data-name={h.name}
                data-status={h.status}
                data-id={h.id}
                className="group align-top hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
              >
                <td className="px-3 py-2.5">
                  <Link
                    href={`/containers?host=${encodeURIComponent(h.id)}`}
                    className="font-medium hover:text-accent hover:underline"
                    title={`Containers on ${h.name}`}
                  >
                    {h.name}
                  </Link>
                </td>
                <td className="max-w-60 min-w-36 px-3 py-2.5">
                  <HostStatusCell h={h} now={now} />
                </td>
                <td className={cn(SHOW.kind, 'px-3 py-2.5 whitespace-nowrap text-zinc-600 dark:text-zinc-400')}>{KIND_LABEL[h.kind]}</td>
                <td className="max-w-44 truncate px-3 pt-3 pb-2.5 font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400" title={h.address}>
                  {h.address}
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap">{info ? `${info.engineVersion} · API ${info.berthApi ?? info.apiVersion}` : <Muted>—</Muted>}</td>
                <td className={cn(SHOW.os, 'max-w-32 truncate px-3 py-2.5 whitespace-nowrap text-zinc-600 dark:text-zinc-400')}>
                  {info ? (
                    <span title={`${info.os} · ${info.kernel} · ${info.arch}`}>
                      {info.os} <Muted>· {info.arch}</Muted>
                    </span>
                  ) : (
                    <Muted>—</Muted>
                  )}
                </td>
                <td className={cn(SHOW.cpus, 'px-3 py-2.5 tabular-nums')}>{info ? info.cpus : <Muted>—</Muted>}</td>
                <td className={cn(SHOW.memory, 'px-3 py-2.5 whitespace-nowrap tabular-nums')}>{info ? formatBytes(info.memTotal) : <Muted>—</Muted>}</td>
                <td
                  className={
                    live ? 'px-3 py-2.5 whitespace-nowrap tabular-nums' : 'px-3 py-2.5 whitespace-nowrap text-zinc-400 tabular-nums dark:text-zinc-500'
                  }
                  data-testid="host-containers"
                >
                  {total != null ? `${running ?? 0} / ${total}` : '—'}
                </td>
                <td className={cn(SHOW.images, 'px-3 py-2.5 tabular-nums')}>{info ? info.images : <Muted>—</Muted>}</td>
                {/* pinned to the right edge, so that on a phone (where the table scrolls sideways) the actions stay in reach */}
                <td className="sticky right-0 bg-white px-3 py-2 group-hover:bg-zinc-50 dark:bg-zinc-900 dark:group-hover:bg-[#1e1e21]">
                  <div className="flex justify-end gap-1">
                    <Link
                      href={`/hosts/${encodeURIComponent(h.id)}`}
                      aria-label="Details"
                      title={`${h.name}: details and resource use`}
                      className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                      data-testid="host-details"
                    >
                      <Activity className="size-4" aria-hidden />
                    </Link>
                    <Button size="icon" variant="ghost" onClick={() => onEdit(h)} aria-label="Edit" title={`Edit ${h.name}`}>
                      <Pencil aria-hidden />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      onClick={() => onRemove(h)}
                      aria-label="Remove"
                      title={`Remove ${h.name}`}
                      className="hover:text-red-600 dark:hover:text-red-400"
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
