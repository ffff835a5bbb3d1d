'use client';

import { Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, Labels, td, tdMono, tdMuted, UsedBy } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { useNow } from '@/components/ui/use-now';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';
import type { VolumeSummary } from '@/lib/types';

interface Props {
  rows: VolumeSummary[];
  showHost: boolean;
  hostNames: Map<string, string>;
  onRemove: (v: VolumeSummary) => void;
  empty: ReactNode;
}

export function VolumeTable({ rows, showHost, hostNames, onRemove, empty }: Props) {
  const now = useNow();
  const head = ['Name', ...(showHost ? ['Host'] : []), 'Driver', 'Mountpoint', 'Created', 'Labels', 'Size', 'Used by', 'Actions'];
  return (
    <DataTable head={head} testId="volume-table" label="Volumes" minWidth="min-w-[960px]" empty={empty}>
      {rows.map((v) => (
        <tr
          key={`${v.hostId}/${v.name}`}
          data-testid="volume-row"
          data-name={v.name}
          data-in-use={v.usedBy.length > 0 || undefined}
          className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
        >
          <td className={`${td} max-w-72 font-medium break-all`}>{v.name}</td>
          {showHost ? <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{hostNames.get(v.hostId) ?? v.hostId}</td> : null}
          <td className={`${td} whitespace-nowrap`}>{v.driver}</td>
          <td className={`${tdMono} max-w-64 truncate`} title={v.mountpoint}>
            {v.mountpoint || <Muted>—</Muted>}
          </td>
          <td className={tdMuted} title={formatDateTime(v.created)}>
            {formatRelative(v.created, now)}
          </td>
          <td className={td}>
            <Labels labels={v.labels} />
          </td>
          <td
            className={`${td} whitespace-nowrap tabular-nums`}
            data-testid="volume-size"
            title={v.size == null ? 'Not measured: "Measure sizes" asks the Engine (docker system df)' : undefined}
          >
            {v.size == null ? <Muted>—</Muted> : formatBytes(v.size)}
          </td>
          <td className={td}>
            <UsedBy hostId={v.hostId} users={v.usedBy} />
          </td>
          <td className="px-3 py-1.5">
            <div className="flex justify-end">
              <Button
                size="icon"
                variant="ghost"
                aria-label="Remove"
                title={`Remove ${v.name}`}
                onClick={() => onRemove(v)}
                className="hover:text-red-600 dark:hover:text-red-400"
              >
                <Trash2 aria-hidden />
              </Button>
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
