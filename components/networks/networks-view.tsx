'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { defaultHostId, HostProblems, UnknownHost, useHostLists, useRefreshOnContainerChanges, useResourceScope } from '@/components/ui/resource-scope';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { qk } from '@/lib/query-keys';
import type { NetworkSummary } from '@/lib/types';
import { networksApi } from './api';
import { NetworkTable } from './network-table';

// the forms that carry zod schemas are fetched when their dialog first opens
const CreateNetworkDialog = lazyDialog(
  () => import('./create-network-dialog').then((m) => m.CreateNetworkDialog),
  (p) => p.open,
);
const ConnectDialog = lazyDialog(() => import('./connect-dialog').then((m) => m.ConnectDialog));

type Open = { kind: 'create' } | { kind: 'remove' | 'connect'; key: string } | null;

function NetworksViewInner() {
  const scope = useResourceScope();
  const client = useQueryClient();
  const { rows, problems, pending } = useHostLists(scope.inScope, qk.networks, networksApi.list);
  useRefreshOnContainerChanges(scope.inScope, qk.networks);
  const [open, setOpen] = useState<Open>(null);
  const [q, setQ] = useState('');
  const refresh = (hostId: string) => client.invalidateQueries({ queryKey: qk.networks(hostId) });
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? rows.filter((n) => `${n.name} ${n.driver} ${n.ipam.map((c) => c.subnet).join(' ')}`.toLowerCase().includes(needle)) : rows;
  }, [rows, q]);

  if (scope.unknownHost) return <UnknownHost listHref="/networks" />;
  const loading = scope.loading || pending;
  const firstHost = defaultHostId(scope.host, scope.all);
  // Dialogs look the network up by key on every render, so they show it as refetched after a connect or disconnect.
  const keyOf = (n: NetworkSummary) => `${n.hostId}/${n.id}`;
  const selected = open && open.kind !== 'create' ? rows.find((n) => keyOf(n) === open.key) : undefined;
  const empty = loading
    ? 'Loading networks…'
    : scope.all.length === 0
      ? 'No Docker hosts yet: add one on the Hosts page.'
      : shown.length === 0
        ? rows.length
          ? 'No networks match.'
          : 'No networks on the hosts in scope.'
        : null;

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Networks"
        description={loading ? 'Loading…' : `${rows.length} ${rows.length === 1 ? 'network' : 'networks'}${scope.host ? ` on ${scope.host.name}` : ''}`}
        actions={
          <Button variant="primary" onClick={() => setOpen({ kind: 'create' })} disabled={!firstHost}>
            <Plus aria-hidden />
            Create network
          </Button>
        }
      />
      <input
        aria-label="Search networks"
        placeholder="Search name, driver or subnet"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className={`${inputClass} max-w-xs`}
      />
      <HostProblems problems={problems} what="networks" />
      <NetworkTable
        rows={shown}
        showHost={!scope.host}
        hostNames={scope.hostNames}
        onConnect={(n) => setOpen({ kind: 'connect', key: keyOf(n) })}
        onRemove={(n) => setOpen({ kind: 'remove', key: keyOf(n) })}
        empty={empty}
      />
      <CreateNetworkDialog
        open={open?.kind === 'create'}
        host={scope.host}
        hosts={scope.all}
        defaultHost={firstHost}
        onClose={() => setOpen(null)}
        onDone={refresh}
      />
      {open?.kind === 'connect' && selected ? <ConnectDialog network={selected} onClose={() => setOpen(null)} onDone={() => refresh(selected.hostId)} /> : null}
      <ConfirmDialog
        open={open?.kind === 'remove' && Boolean(selected)}
        onClose={() => setOpen(null)}
        title={`Remove network ${selected?.name ?? ''}?`}
        description="Containers can no longer join it. This cannot be undone."
        confirmLabel="Remove network"
        run={() => networksApi.remove(selected!.hostId, selected!.id)}
        onDone={() => refresh(selected!.hostId)}
      >
        {selected?.containers.length ? (
          <Alert tone="warning">Attached: {selected.containers.map((c) => c.name).join(', ')}. Disconnect them first, or the Engine refuses.</Alert>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

export function NetworksView() {
  return useHydrated() ? <NetworksViewInner /> : <ViewLoading what="networks" />;
}
