'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronLeft, History, Pencil, Scaling, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { accessApi } from '@/components/access/api';
import { LogsViewer } from '@/components/logs/logs-viewer';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { KeyValues, Mono, Muted } from '@/components/ui/kv';
import { PageHeader } from '@/components/ui/page-header';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { formatDateTime } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import type { ServiceDetail } from '@/lib/swarm-types';
import { ScaleDialog } from './scale-dialog';
import { serviceApi, TASK_POLL_MS } from './service-api';
import { portText, ReplicasBadge, UpdateBadge } from './service-table';
import { ServiceFiles } from './service-files';
import { TaskTable } from './task-table';

/** Why Scale or Rollback cannot apply, in the words the server would refuse with; null when they can. */
const scaleBlock = (s: ServiceDetail) =>
  s.mode === 'global'
    ? 'A global service runs one task on every eligible node: it cannot be scaled to a number'
    : s.mode !== 'replicated'
      ? 'A job cannot be scaled'
      : null;
const rollbackBlock = (s: ServiceDetail) => (s.canRollback ? null : 'No previous version: the service has not been updated since it was created');

function Facts({ s }: { s: ServiceDetail }) {
  return (
    <KeyValues
      items={[
        ['Mode', s.mode],
        ['Replicas', <ReplicasBadge key="r" s={s} />],
        ['Image', <Mono key="i">{s.image}</Mono>],
        ['Command', s.command.length ? <Mono key="c">{s.command.join(' ')}</Mono> : <Muted key="c">image default</Muted>],
        ['Ports', s.ports.length ? <Mono key="p">{s.ports.map(portText).join(', ')}</Mono> : <Muted key="p">none</Muted>],
        ['Endpoint mode', s.endpointMode],
        ['Constraints', s.constraints.length ? <Mono key="k">{s.constraints.join(', ')}</Mono> : <Muted key="k">none</Muted>],
        ['Networks', s.networks.length ? s.networks.join(', ') : <Muted key="n">none</Muted>],
        ['Update', <UpdateBadge key="u" update={s.update} />],
        ...(s.update?.message ? ([['Update status', s.update.message]] as [string, string][]) : []),
        ['Stack', s.stack ?? <Muted key="s">none</Muted>],
        ['Created', formatDateTime(s.createdAt)],
      ]}
    />
  );
}

function ServiceInner({ hostId, sid }: { hostId: string; sid: string }) {
  const client = useQueryClient();
  const router = useRouter();
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const role = me.data?.roles[hostId];
  const canOperate = Boolean(me.data?.account.isAdmin || role === 'admin' || role === 'operator');
  // Task states have no Engine events: both queries poll while this page is open (service events refetch at once).
  const service = useQuery({ queryKey: qk.swarmService(hostId, sid), queryFn: () => serviceApi.get(hostId, sid), refetchInterval: TASK_POLL_MS });
  const tasks = useQuery({ queryKey: qk.swarmServiceTasks(hostId, sid), queryFn: () => serviceApi.tasks(hostId, sid), refetchInterval: TASK_POLL_MS });
  const [open, setOpen] = useState<'scale' | 'rollback' | 'remove' | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: qk.swarmServicePrefix(hostId) });
  const swarmHref = `/hosts/${encodeURIComponent(hostId)}/swarm`;
  const s = service.data;

  return (
    <div className="flex flex-col gap-4 p-4 md:p-6" data-testid="service-page">
      <Link
        href={swarmHref}
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        Swarm
      </Link>
      <PageHeader
        title={s ? `Service ${s.name}` : 'Service'}
        description="Its tasks, where they run and what holds them up, and the logs of all of them"
        actions={
          s && canOperate ? (
            <div className="flex flex-wrap gap-2">
              <Button
                onClick={() => router.push(`/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(s.id)}/edit`)}
                data-testid="service-edit"
              >
                <Pencil aria-hidden />
                Edit
              </Button>
              <Button onClick={() => setOpen('scale')} disabled={Boolean(scaleBlock(s))} title={scaleBlock(s) ?? undefined} data-testid="service-scale">
                <Scaling aria-hidden />
                Scale
              </Button>
              <Button
                onClick={() => setOpen('rollback')}
                disabled={Boolean(rollbackBlock(s))}
                title={rollbackBlock(s) ?? undefined}
                data-testid="service-rollback"
              >
                <History aria-hidden />
                Rollback
              </Button>
              <Button variant="danger" onClick={() => setOpen('remove')} data-testid="service-remove">
                <Trash2 aria-hidden />
                Remove
              </Button>
            </div>
          ) : null
        }
      />
      {service.error ? <Alert tone="error">{service.error.message}</Alert> : null}
      {!s ? (
        service.isPending ? (
          <ViewLoading what="service" />
        ) : null
      ) : (
        <>
          {s.mode === 'global' && canOperate ? <p className="text-xs text-zinc-500">{scaleBlock(s)}.</p> : null}
          {s.pending ? (
            <Alert tone="warning" testId="service-pending">
              {s.pending}
            </Alert>
          ) : null}
          <Facts s={s} />
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Tasks</h2>
          {tasks.error ? <Alert tone="error">{tasks.error.message}</Alert> : null}
          <TaskTable tasks={tasks.data ?? []} />
          <ServiceFiles hostId={hostId} serviceId={s.id} canOperate={canOperate} isAdmin={Boolean(me.data?.account.isAdmin || role === 'admin')} />
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Logs of all tasks</h2>
          <LogsViewer hostId={hostId} cid={s.id} base={`/api/v1/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(s.id)}/logs`} />
          <ScaleDialog hostId={hostId} service={s} open={open === 'scale'} onClose={() => setOpen(null)} onDone={refresh} />
          <ConfirmDialog
            open={open === 'rollback'}
            onClose={() => setOpen(null)}
            title={`Roll back ${s.name}?`}
            confirmLabel="Roll back"
            run={() => serviceApi.rollback(hostId, s.id)}
            onDone={refresh}
          >
            <p>The service goes back to its previous spec; its tasks are replaced as in a rolling update.</p>
          </ConfirmDialog>
          <ConfirmDialog
            open={open === 'remove'}
            onClose={() => setOpen(null)}
            title={`Remove ${s.name}?`}
            confirmLabel="Remove service"
            run={() => serviceApi.remove(hostId, s.id)}
            onDone={() => {
              void client.invalidateQueries({ queryKey: qk.swarmServices(hostId) });
              router.push(swarmHref);
            }}
          >
            <p>
              Its {s.running} running {s.running === 1 ? 'task stops' : 'tasks stop'} on their nodes.
              {s.stack ? ` It belongs to stack ${s.stack}: deploying the stack again brings it back.` : ''}
            </p>
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}

export function ServiceView({ hostId, sid }: { hostId: string; sid: string }) {
  return useHydrated() ? <ServiceInner hostId={hostId} sid={sid} /> : <ViewLoading what="service" />;
}
