'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { QueryTable } from '@/components/ui/query-table';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { qk } from '@/lib/query-keys';
import type { RegistryView } from '@/lib/types';
import { registriesApi } from './api';

// the form (zod, react-hook-form) is fetched when its dialog first opens
const RegistryDialog = lazyDialog(() => import('./registry-dialog').then((m) => m.RegistryDialog));

type Open = { kind: 'add' } | { kind: 'edit' | 'remove'; registry: RegistryView } | null;

function RemoveDialog({ registry, onClose }: { registry: RegistryView; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const m = useMutation({
    mutationFn: () => registriesApi.remove(registry.id),
    onSuccess: (r) => {
      toast('success', r.message);
      void client.invalidateQueries({ queryKey: qk.registries });
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Remove registry ${registry.name}?`}
      description="Its stored credentials are deleted. Images already pulled stay on the hosts."
    >
      {m.error ? (
        <Alert tone="error" role="alert">
          {m.error.message}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" pending={m.isPending} onClick={() => m.mutate()}>
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Settings → Registries: private registries and their credentials (the password is never shown, only "stored"). */
export function RegistriesSection() {
  const q = useQuery({ queryKey: qk.registries, queryFn: registriesApi.list });
  const [open, setOpen] = useState<Open>(null);
  const rows = q.data ?? [];
  return (
    <>
      <Card
        title="Registries"
        actions={
          <Button size="sm" onClick={() => setOpen({ kind: 'add' })}>
            <Plus aria-hidden />
            Add registry
          </Button>
        }
      >
        <QueryTable
          error={q.error}
          pending={q.isPending}
          count={rows.length}
          loading="Loading registries…"
          empty="No registries yet. Pulls from a private registry use the credentials stored here for its address."
          columns={['Name', 'Address', 'User', 'Password']}
          label="Registries"
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid="registry-row" className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-3 font-medium">{r.name}</td>
              <td className="py-1.5 pr-3 font-mono text-xs">{r.address}</td>
              <td className="py-1.5 pr-3">{r.username ?? <span className="text-zinc-500">none</span>}</td>
              <td className="py-1.5 pr-3">{r.hasPassword ? <Badge tone="green">stored</Badge> : <Badge tone="grey">none</Badge>}</td>
              <td className="py-1.5 text-right whitespace-nowrap">
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'edit', registry: r })} aria-label={`Edit registry ${r.name}`}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'remove', registry: r })} aria-label={`Remove registry ${r.name}`}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </QueryTable>
      </Card>
      {open?.kind === 'add' ? <RegistryDialog onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <RegistryDialog registry={open.registry} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? <RemoveDialog registry={open.registry} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
