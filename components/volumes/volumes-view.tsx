'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Eraser, HardDrive, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
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
import { qk } from '@/lib/query-keys';
import type { VolumeSummary } from '@/lib/types';
import { volumesApi } from './api';
import { VolumeTable } from './volume-table';

// the form that carries zod schemas is fetched when its dialog first opens
const CreateVolumeDialog = lazyDialog(
  () => import('./create-volume-dialog').then((m) => m.CreateVolumeDialog),
  (p) => p.open,
);

type Open = { kind: 'create' } | { kind: 'prune' } | { kind: 'remove'; volume: VolumeSummary } | null;

function VolumesViewInner() {
  const scope = useResourceScope();
  const client = useQueryClient();
  const [sizes, setSizes] = useState(false);
  // measured lists live under their own key (a prefix of qk.volumes, so every refresh below covers them too)
  const { rows, problems, pending } = useHostLists(
    scope.inScope,
    sizes ? (id: string) => [...qk.volumes(id), 'sizes'] : qk.volumes,
    sizes ? volumesApi.listWithSizes : volumesApi.list,
  );
  useRefreshOnContainerChanges(scope.inScope, qk.volumes);
  const [open, setOpen] = useState<Open>(null);
  const [q, setQ] = useState('');
  const [pruneHost, setPruneHost] = useState('');
  const refresh = (hostId: string) => client.invalidateQueries({ queryKey: qk.volumes(hostId) });
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? rows.filter((v) => `${v.name} ${v.driver} ${Object.entries(v.labels).flat().join(' ')}`.toLowerCase().includes(needle)) : rows;
  }, [rows, q]);

  if (scope.unknownHost) return <UnknownHost listHref="/volumes" />;
  const loading = scope.loading || pending;
  const firstHost = defaultHostId(scope.host, scope.all);
  const pruneTarget = scope.host?.id ?? (pruneHost || firstHost);
  const unused = rows.filter((v) => v.usedBy.length === 0).length;
  const empty = loading
    ? 'Loading volumes…'
    : scope.all.length === 0
      ? 'No Docker hosts yet: add one on the Hosts page.'
      : shown.length === 0
        ? rows.length
          ? 'No volumes match.'
          : 'No volumes on the hosts in scope.'
        : null;
  const removing = open?.kind === 'remove' ? open.volume : null;

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Volumes"
        description={
          loading ? 'Loading…' : `${rows.length} ${rows.length === 1 ? 'volume' : 'volumes'} · ${unused} unused${scope.host ? ` on ${scope.host.name}` : ''}`
        }
        actions={
          <>
            <Button
              onClick={() => setSizes((v) => !v)}
              aria-pressed={sizes}
              disabled={!scope.inScope.length}
              title="Ask the Engine to measure every volume (docker system df); slow on hosts with much data"
            >
              <HardDrive aria-hidden />
              {sizes ? 'Hide sizes' : 'Measure sizes'}
            </Button>
            <Button onClick={() => setOpen({ kind: 'prune' })} disabled={!scope.inScope.length}>
              <Eraser aria-hidden />
              Prune unused
            </Button>
            <Button variant="primary" onClick={() => setOpen({ kind: 'create' })} disabled={!firstHost}>
              <Plus aria-hidden />
              Create volume
            </Button>
          </>
        }
      />
      <input
        aria-label="Search volumes"
        placeholder="Search name, driver or label"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className={`${inputClass} max-w-xs`}
      />
      <HostProblems problems={problems} what="volumes" />
      <VolumeTable rows={shown} showHost={!scope.host} hostNames={scope.hostNames} onRemove={(volume) => setOpen({ kind: 'remove', volume })} empty={empty} />
      <CreateVolumeDialog
        open={open?.kind === 'create'}
        host={scope.host}
        hosts={scope.all}
        defaultHost={firstHost}
        onClose={() => setOpen(null)}
        onDone={refresh}
      />
      <ConfirmDialog
        open={open?.kind === 'prune'}
        onClose={() => setOpen(null)}
        title="Prune unused volumes?"
        description="Removes every volume no container uses, with its data (Docker 23 and later: anonymous volumes only). This cannot be undone."
        confirmLabel="Prune"
        run={() => volumesApi.prune(pruneTarget)}
        onDone={() => refresh(pruneTarget)}
        disabled={!pruneTarget}
      >
        {scope.host ? <p>On host {scope.host.name}.</p> : <HostSelectField hosts={scope.all} value={pruneTarget} onChange={setPruneHost} />}
      </ConfirmDialog>
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setOpen(null)}
        title={`Remove volume ${removing?.name ?? ''}?`}
        description="The volume and all its data are deleted. This cannot be undone."
        confirmLabel="Remove volume"
        run={() => volumesApi.remove(removing!.hostId, removing!.name)}
        onDone={() => refresh(removing!.hostId)}
      >
        {removing?.usedBy.length ? (
          <Alert tone="warning">In use by {removing.usedBy.map((u) => u.name).join(', ')}: the Engine will refuse until they are removed.</Alert>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

export function VolumesView() {
  return useHydrated() ? <VolumesViewInner /> : <ViewLoading what="volumes" />;
}
