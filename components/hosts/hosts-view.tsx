'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Plus, Server } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormLoading } from '@/components/ui/form-loading';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { PageHeader } from '@/components/ui/page-header';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { reduceHosts, useContainers, useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import type { HostView } from '@/lib/types';
import { AddedHost } from './added-host';
import { type LiveCounts, HostTable } from './host-table';
import { RemoveHostDialog } from './remove-host-dialog';

// the form (with zod and react-hook-form) is fetched when the dialog first opens
const HostForm = dynamic(() => import('./host-form').then((m) => m.HostForm), { ssr: false, loading: FormLoading });

type Editing = { mode: 'add' } | { mode: 'edit'; host: HostView } | null;

function HostsViewInner() {
  const hosts = useHosts();
  const containers = useContainers();
  const client = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<HostView | null>(null);
  const [added, setAdded] = useState<HostView | null>(null);

  const counts = useMemo(() => {
    const m = new Map<string, LiveCounts>();
    for (const c of containers.data ?? []) {
      const e = m.get(c.hostId) ?? { running: 0, total: 0 };
      e.total++;
      if (c.state === 'running') e.running++;
      m.set(c.hostId, e);
    }
    return m;
  }, [containers.data]);

  const list = hosts.data ?? [];
  const online = list.filter((h) => h.status === 'online').length;

  const onSaved = (host: HostView) => {
    client.setQueryData<HostView[]>(qk.hosts, (old) => reduceHosts(old, [{ type: 'host', host }]));
    if (editing?.mode === 'add') setAdded(host);
    else toast('success', `Host ${host.name} saved`);
    setEditing(null);
  };

  return (
    <div className="flex flex-col gap-4 p-4 md:p-6">
      <PageHeader
        title="Hosts"
        description={hosts.isPending ? 'Loading…' : `${list.length} ${list.length === 1 ? 'host' : 'hosts'} · ${online} online`}
        actions={
          <Button variant="primary" onClick={() => setEditing({ mode: 'add' })}>
            <Plus aria-hidden />
            Add host
          </Button>
        }
      />
      {added ? <AddedHost host={added} onDismiss={() => setAdded(null)} /> : null}
      {hosts.error ? (
        <Alert tone="error" role="alert">
          Could not load hosts: {hosts.error.message}
        </Alert>
      ) : null}
      {hosts.isPending ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading hosts…
        </p>
      ) : list.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
          <Server className="size-6 text-zinc-400" aria-hidden />
          <p className="font-medium">No Docker hosts yet</p>
          <p className="max-w-md text-sm text-zinc-500 dark:text-zinc-400">
            Add a host by its local socket, over TCP with TLS client certificates, or through SSH. Berth tests the connection before saving it.
          </p>
        </div>
      ) : (
        <HostTable hosts={list} counts={counts} onEdit={(host) => setEditing({ mode: 'edit', host })} onRemove={setRemoving} />
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? `Edit ${editing.host.name}` : 'Add host'}
        description={
          editing?.mode === 'edit'
            ? 'Secret fields left empty keep their stored values.'
            : 'Berth connects once to test the settings, and saves the host only if that works.'
        }
        className="max-w-xl"
      >
        <HostForm host={editing?.mode === 'edit' ? editing.host : undefined} onDone={onSaved} onCancel={() => setEditing(null)} />
      </Dialog>
      <RemoveHostDialog host={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}

export function HostsView() {
  return useHydrated() ? <HostsViewInner /> : <ViewLoading what="hosts" />;
}
