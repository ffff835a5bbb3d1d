'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Download, Eraser, Hammer } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Check, ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { PageHeader } from '@/components/ui/page-header';
import {
  defaultHostId,
  HostProblems,
  HostSelectField,
  UnknownHost,
  useHostLists,
  useRefreshOnContainerChanges,
  useResourceScope,
} from '@/components/ui/resource-scope';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { formatBytes } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import type { ImageSummary } from '@/lib/types';
import { imagesApi } from './api';
import { ImageInspectDialog } from './image-inspect-dialog';
import { ImageTable } from './image-table';
import { CheckUpdatesButton } from './image-updates';
import { RemoveImageDialog } from './remove-image-dialog';

// the forms that carry zod schemas are fetched when their dialog first opens
const PullDialog = lazyDialog(() => import('./pull-dialog').then((m) => m.PullDialog));
const BuildDialog = lazyDialog(() => import('./build-dialog').then((m) => m.BuildDialog));
const TagDialog = lazyDialog(() => import('./tag-dialog').then((m) => m.TagDialog));

export type ImageDialog = { kind: 'tag' | 'remove' | 'inspect'; row: ImageSummary } | { kind: 'prune' | 'pull' | 'build' } | null;

function ImagesViewInner() {
  const scope = useResourceScope();
  const client = useQueryClient();
  const { rows, problems, pending } = useHostLists(scope.inScope, qk.images, imagesApi.list);
  useRefreshOnContainerChanges(scope.inScope, qk.images);
  const [danglingOnly, setDanglingOnly] = useState(false);
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<ImageDialog>(null);
  const [pruneHost, setPruneHost] = useState('');
  const refresh = (hostId: string) => client.invalidateQueries({ queryKey: qk.images(hostId) });

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return rows.filter((r) => (!danglingOnly || r.dangling) && (!needle || `${r.repo}:${r.tag} ${r.id}`.toLowerCase().includes(needle)));
  }, [rows, danglingOnly, q]);
  const stats = useMemo(() => {
    const unique = new Map(rows.map((r) => [`${r.hostId}/${r.id}`, r]));
    const size = [...unique.values()].reduce((n, r) => n + r.size, 0);
    return { images: unique.size, dangling: rows.filter((r) => r.dangling).length, size };
  }, [rows]);

  if (scope.unknownHost) return <UnknownHost listHref="/images" />;
  const loading = scope.loading || pending;
  const pruneTarget = scope.host?.id ?? (pruneHost || defaultHostId(undefined, scope.all));
  const empty = loading
    ? 'Loading images…'
    : scope.all.length === 0
      ? 'No Docker hosts yet: add one on the Hosts page.'
      : shown.length === 0
        ? rows.length
          ? 'No images match.'
          : 'No images on the hosts in scope.'
        : null;

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Images"
        description={
          loading
            ? 'Loading…'
            : `${stats.images} ${stats.images === 1 ? 'image' : 'images'} · ${rows.length} ${rows.length === 1 ? 'tag row' : 'tag rows'} · ${stats.dangling} dangling · ${formatBytes(stats.size)}${scope.host ? ` on ${scope.host.name}` : ''}`
        }
        actions={
          <>
            <Button variant="primary" onClick={() => setDialog({ kind: 'pull' })} disabled={!scope.inScope.length}>
              <Download aria-hidden />
              Pull
            </Button>
            <Button onClick={() => setDialog({ kind: 'build' })} disabled={!scope.inScope.length}>
              <Hammer aria-hidden />
              Build
            </Button>
            <CheckUpdatesButton hostIds={scope.inScope.filter((h) => h.status !== 'offline').map((h) => h.id)} />
            <Button onClick={() => setDialog({ kind: 'prune' })} disabled={!scope.inScope.length}>
              <Eraser aria-hidden />
              Prune dangling
            </Button>
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-4">
        <input
          aria-label="Search images"
          placeholder="Search repository, tag or id"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className={`${inputClass} max-w-xs`}
        />
        <Check id="dangling-only" label="Dangling only" checked={danglingOnly} onChange={setDanglingOnly} />
      </div>
      <HostProblems problems={problems} what="images" />
      <ImageTable rows={shown} showHost={!scope.host} hostNames={scope.hostNames} onAction={setDialog} empty={empty} />
      {dialog?.kind === 'tag' ? <TagDialog row={dialog.row} onClose={() => setDialog(null)} onDone={() => refresh(dialog.row.hostId)} /> : null}
      {dialog?.kind === 'remove' ? <RemoveImageDialog row={dialog.row} onClose={() => setDialog(null)} onDone={() => refresh(dialog.row.hostId)} /> : null}
      {dialog?.kind === 'inspect' ? <ImageInspectDialog row={dialog.row} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'pull' ? <PullDialog host={scope.host} hosts={scope.all} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'build' ? <BuildDialog host={scope.host} hosts={scope.all} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={dialog?.kind === 'prune'}
        onClose={() => setDialog(null)}
        title="Prune dangling images?"
        description="Removes every image without a tag that no container uses. This cannot be undone."
        confirmLabel="Prune"
        run={() => imagesApi.prune(pruneTarget)}
        onDone={() => refresh(pruneTarget)}
        disabled={!pruneTarget}
      >
        {scope.host ? <p>On host {scope.host.name}.</p> : <HostSelectField hosts={scope.all} value={pruneTarget} onChange={setPruneHost} />}
      </ConfirmDialog>
    </div>
  );
}

export function ImagesView() {
  return useHydrated() ? <ImagesViewInner /> : <ViewLoading what="images" />;
}
