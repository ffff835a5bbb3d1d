'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api-client';
import { reduceContainers, reduceHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import type { ContainerSummary, HostView } from '@/lib/types';

export function RemoveHostDialog({ host, onClose }: { host: HostView | null; onClose: () => void }) {
  return (
    <Dialog open={Boolean(host)} onClose={onClose} title={host ? `Remove ${host.name}?` : ''}>
      {host ? <RemoveHostBody host={host} onClose={onClose} /> : null}
    </Dialog>
  );
}

function RemoveHostBody({ host, onClose }: { host: HostView; onClose: () => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const m = useMutation({
    mutationFn: () => api.removeHost(host.id),
    onSuccess: () => {
      // The live stream says the same a moment later; applying it now keeps the table from lagging the click.
      const gone = [{ type: 'host-removed' as const, hostId: host.id }];
      client.setQueryData<HostView[]>(qk.hosts, (old) => reduceHosts(old, gone));
      client.setQueryData<ContainerSummary[]>(qk.containers, (old) => reduceContainers(old, gone));
      toast('success', `Host ${host.name} removed`);
      onClose();
    },
  });
  return (
    <div>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Berth stops watching <span className="font-medium text-zinc-900 dark:text-zinc-100">{host.name}</span> ({host.address}) and deletes its stored
        connection keys. Nothing on the host changes: its containers keep running.
      </p>
      <DialogFooter
        error={m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel="Remove host"
        variant="danger"
        onConfirm={() => m.mutate()}
        errorClassName="mt-3"
      />
    </div>
  );
}
