'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronLeft, Download, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable, td, tdMono, tdMuted } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { qk } from '@/lib/query-keys';
import { ReplicasBadge } from './service-table';
import { STACK_POLL_MS, swarmStackApi } from './swarm-stack-api';
import { SwarmStackEditor } from './swarm-stack-editor';

/** One Swarm stack: its services with task counts, its file in the editor (Plan, Deploy), Export and Remove. */
function StackInner({ hostId, name }: { hostId: string; name: string }) {
  const client = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [removing, setRemoving] = useState(false);
  const stack = useQuery({ queryKey: qk.swarmStack(hostId, name), queryFn: () => swarmStackApi.get(hostId, name), refetchInterval: STACK_POLL_MS });
  const s = stack.data;
  // a stack the CLI deployed has no stored file: its export is the starting point
  const exported = useQuery({
    queryKey: [...qk.swarmStack(hostId, name), 'export'],
    queryFn: () => fetch(swarmStackApi.exportHref(hostId, name)).then((r) => (r.ok ? r.text() : '')),
    enabled: Boolean(s && s.compose === null),
    staleTime: Infinity,
  });
  const file = s?.compose ?? (s && exported.data !== undefined ? exported.data : null);
  return (
    <div className="flex flex-col gap-4 p-4 md:p-6" data-testid="swarm-stack-page">
      <Link
        href={`/hosts/${encodeURIComponent(hostId)}/swarm`}
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        Swarm
      </Link>
      <PageHeader
        title={`Swarm stack ${name}`}
        description={
          s
            ? `${s.services} service(s) · ${s.running}/${s.desired} tasks running · deployed by ${s.source === 'berth' ? 'Berth' : 'the docker CLI'}`
            : undefined
        }
        actions={
          <div className="flex gap-2">
            <a href={swarmStackApi.exportHref(hostId, name)} download data-testid="swarm-stack-export">
              <Button size="sm">
                <Download aria-hidden />
                Export
              </Button>
            </a>
            <Button size="sm" variant="danger" onClick={() => setRemoving(true)} data-testid="swarm-stack-remove">
              <Trash2 aria-hidden />
              Remove
            </Button>
          </div>
        }
      />
      {stack.error ? <Alert tone="error">{stack.error.message}</Alert> : null}
      {!s ? (
        stack.isPending ? (
          <ViewLoading what="stack" />
        ) : null
      ) : (
        <>
          <DataTable head={['Service', 'Mode', 'Tasks', 'Image', 'Ports', 'Update']} testId="swarm-stack-services" label="Stack services">
            {s.stackServices.map((svc) => (
              <tr key={svc.id} data-testid="swarm-stack-service" data-name={svc.name}>
                <td className={`${td} font-medium`}>
                  <Link className="text-accent hover:underline" href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(svc.id)}`}>
                    {svc.name}
                  </Link>
                </td>
                <td className={td}>{svc.mode}</td>
                <td className={td}>
                  <ReplicasBadge s={svc} />
                </td>
                <td className={tdMono}>{svc.image}</td>
                <td className={tdMuted}>{svc.ports.join(', ')}</td>
                <td className={td}>{svc.updateState ? <Badge tone="grey">{svc.updateState}</Badge> : null}</td>
              </tr>
            ))}
          </DataTable>
          <p className="text-xs text-zinc-500">
            Networks: {s.networks.join(', ') || 'none'} · Secrets: {s.secrets.join(', ') || 'none'} · Configs: {s.configs.join(', ') || 'none'}
          </p>
          {s.source === 'cli' ? (
            <Alert tone="info">The docker CLI deployed this stack; the file below is its export. Deploying it makes Berth keep the file.</Alert>
          ) : null}
          {file !== null ? (
            <SwarmStackEditor
              hostId={hostId}
              name={name}
              initial={file}
              hasEnv={s.hasEnv}
              storedFiles={s.files}
              onDeployed={(message) => {
                toast('success', message);
                void client.invalidateQueries({ queryKey: qk.swarmStacks(hostId) });
              }}
            />
          ) : (
            <ViewLoading what="the stack file" />
          )}
        </>
      )}
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title={`Remove stack ${name}?`}
        confirmLabel="Remove stack"
        run={() => swarmStackApi.remove(hostId, name)}
        onDone={() => {
          void client.invalidateQueries({ queryKey: qk.swarmStacks(hostId) });
          router.push(`/hosts/${encodeURIComponent(hostId)}/swarm`);
        }}
      >
        <p>Its services stop and are removed, with the networks, secrets and configs the stack made, as docker stack rm does.</p>
      </ConfirmDialog>
    </div>
  );
}

export function SwarmStackView({ hostId, name }: { hostId: string; name: string }) {
  return useHydrated() ? <StackInner hostId={hostId} name={name} /> : <ViewLoading what="stack" />;
}
