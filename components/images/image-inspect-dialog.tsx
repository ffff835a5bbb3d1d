'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { UsedBy } from '@/components/ui/data-table';
import { Dialog } from '@/components/ui/dialog';
import { KeyValues, Mono, Muted, SimpleTable } from '@/components/ui/kv';
import { Spinner } from '@/components/ui/spinner';
import { formatBytes, formatCommand, formatDateTime, fromUnixSeconds, shortId } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import type { ImageDetail, ImageSummary } from '@/lib/types';
import { imagesApi } from './api';

export function ImageInspectDialog({ row, onClose }: { row: ImageSummary; onClose: () => void }) {
  const q = useQuery({ queryKey: qk.image(row.hostId, row.id), queryFn: () => imagesApi.get(row.hostId, row.id) });
  return (
    <Dialog open onClose={onClose} title={row.ref ?? `Image ${shortId(row.id)}`} description={row.id} className="max-w-4xl">
      {q.isPending ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading image…
        </p>
      ) : q.error ? (
        <Alert tone="error" role="alert">
          {q.error.message}
        </Alert>
      ) : (
        <ImageDetailBody d={q.data} />
      )}
    </Dialog>
  );
}

function ImageDetailBody({ d }: { d: ImageDetail }) {
  const c = d.config;
  return (
    <div className="flex flex-col gap-4" data-testid="image-detail">
      <KeyValues
        items={[
          ['Tags', d.repoTags.length ? d.repoTags.join(', ') : <Muted>none (dangling)</Muted>],
          ['Created', formatDateTime(d.created)],
          ['Size', formatBytes(d.size)],
          ['Platform', `${d.os}/${d.architecture}`],
          ['Layers', d.layers],
          ['Command', c.entrypoint.length || c.cmd.length ? <Mono>{formatCommand([...c.entrypoint, ...c.cmd])}</Mono> : null],
          ['Working dir', c.workingDir || null],
          ['User', c.user || null],
          ['Ports', c.exposedPorts.length ? c.exposedPorts.join(', ') : null],
          ['Volumes', c.volumes.length ? c.volumes.join(', ') : null],
          ['Env', c.env.length ? <Mono>{c.env.map((e) => `${e.key}=${e.value}`).join('\n')}</Mono> : null],
          [
            'Labels',
            Object.keys(c.labels).length ? (
              <Mono>
                {Object.entries(c.labels)
                  .map(([k, v]) => `${k}=${v}`)
                  .join('\n')}
              </Mono>
            ) : null,
          ],
          ['Used by', <UsedBy key="u" hostId={d.hostId} users={d.usedBy} max={10} />],
        ]}
      />
      <div>
        <h3 className="mb-2 text-sm font-semibold">History</h3>
        <div className="max-h-80 overflow-auto rounded-md border border-zinc-200 px-4 py-4 dark:border-zinc-800">
          <SimpleTable
            testId="image-history"
            head={['Created', 'Created by', 'Size']}
            rows={d.history.map((l, i) => ({
              key: `${i}`,
              cells: [
                <span key="c" className="text-xs whitespace-nowrap text-zinc-500">
                  {formatDateTime(fromUnixSeconds(l.created))}
                </span>,
                <Mono key="b" className="whitespace-pre-wrap">
                  {l.createdBy || '—'}
                </Mono>,
                <span key="s" className="whitespace-nowrap tabular-nums">
                  {formatBytes(l.size)}
                </span>,
              ],
            }))}
          />
        </div>
      </div>
    </div>
  );
}
