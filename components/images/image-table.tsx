'use client';

import { Info, Tag, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, td, tdMono, tdMuted, UsedBy } from '@/components/ui/data-table';
import { useNow } from '@/components/ui/use-now';
import { formatBytes, formatDateTime, formatRelative, fromUnixSeconds, shortId } from '@/lib/format';
import type { ImageSummary } from '@/lib/types';
import type { ImageDialog } from './images-view';
import { CheckProblemBadge, UpdateBadge, useImageUpdates, withTag } from './image-updates';

interface Props {
  rows: ImageSummary[];
  showHost: boolean;
  hostNames: Map<string, string>;
  onAction: (d: ImageDialog) => void;
  empty: ReactNode;
}

/** A name for tests and tooltips: the repo:tag, or "<none>@" and the short id for an untagged image. */
export const rowName = (r: ImageSummary) => r.ref ?? `${r.repo}@${shortId(r.id)}`;

export function ImageTable({ rows, showHost, hostNames, onAction, empty }: Props) {
  const now = useNow();
  const head = ['Repository', 'Tag', ...(showHost ? ['Host'] : []), 'Image ID', 'Size', 'Created', 'Used by', 'Actions'];
  return (
    <DataTable head={head} testId="image-table" label="Images" empty={empty}>
      {rows.map((r) => (
        <tr
          key={`${r.hostId}/${r.id}/${r.ref ?? ''}`}
          data-testid="image-row"
          data-name={rowName(r)}
          data-id={r.id}
          data-dangling={r.dangling || undefined}
          className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
        >
          <td className={td}>
            <span className="flex items-center gap-2">
              <span className={r.ref ? 'font-medium break-all' : 'text-zinc-500'}>{r.repo}</span>
              {r.dangling ? <Badge tone="amber">dangling</Badge> : null}
              {r.ref ? <RowUpdate hostId={r.hostId} refName={r.ref} /> : null}
            </span>
          </td>
          <td className={`${td} font-mono text-xs`}>{r.tag}</td>
          {showHost ? <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{hostNames.get(r.hostId) ?? r.hostId}</td> : null}
          <td className={tdMono} title={r.id}>
            {shortId(r.id)}
          </td>
          <td className={`${td} whitespace-nowrap tabular-nums`}>{formatBytes(r.size)}</td>
          <td className={tdMuted} title={formatDateTime(fromUnixSeconds(r.created))}>
            {formatRelative(fromUnixSeconds(r.created), now)}
          </td>
          <td className={td}>
            <UsedBy hostId={r.hostId} users={r.usedBy} />
          </td>
          <td className="px-3 py-1.5">
            <div className="flex justify-end gap-1">
              <Button size="icon" variant="ghost" aria-label="Inspect" title={`Inspect ${rowName(r)}`} onClick={() => onAction({ kind: 'inspect', row: r })}>
                <Info aria-hidden />
              </Button>
              <Button size="icon" variant="ghost" aria-label="Tag" title={`Tag ${rowName(r)}`} onClick={() => onAction({ kind: 'tag', row: r })}>
                <Tag aria-hidden />
              </Button>
              <Button
                size="icon"
                variant="ghost"
                aria-label="Remove"
                title={`Remove ${rowName(r)}`}
                onClick={() => onAction({ kind: 'remove', row: r })}
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

/** The badge of an image row whose reference has a newer image in its registry (as the last check said). */
function RowUpdate({ hostId, refName }: { hostId: string; refName: string }) {
  const u = useImageUpdates(hostId, (a) => a.updates.find((x) => x.status !== 'up-to-date' && withTag(x.image) === refName) ?? null);
  return u?.status === 'update-available' ? <UpdateBadge u={u} /> : <CheckProblemBadge u={u} />;
}
