'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { ServiceForm } from './service-form';
import { blankService, serviceFormApi, toServiceFormValues } from './service-form-model';

/** /hosts/{id}/swarm/services/new and …/{sid}/edit: the service form, empty or read from the service. */
function Inner({ hostId, sid }: { hostId: string; sid?: string }) {
  const hosts = useHosts();
  const host = hosts.data?.find((h) => h.id === hostId);
  const current = useQuery({
    queryKey: qk.swarmServiceForm(hostId, sid ?? ''),
    queryFn: () => serviceFormApi.current(hostId, sid!),
    enabled: Boolean(sid),
    staleTime: Infinity,
    gcTime: 0,
  });
  const back = sid ? `/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(sid)}` : `/hosts/${encodeURIComponent(hostId)}/swarm`;
  const s = current.data;
  return (
    <div className="flex max-w-4xl flex-col gap-4 p-4 md:p-6" data-testid="service-form-page">
      <Link
        href={back}
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        {sid ? (s?.name ?? 'Service') : `Swarm${host ? ` · ${host.name}` : ''}`}
      </Link>
      <PageHeader
        title={sid ? `Update ${s?.name ?? 'service'}` : 'Create a service'}
        description={
          sid
            ? 'A rolling update: tasks are replaced as the update settings say, and on failure the update pauses, continues or rolls back.'
            : `A Swarm service on the swarm ${host?.name ?? 'this host'} manages; its tasks run on the nodes its placement allows.`
        }
      />
      {sid && s?.updateState ? (
        <Alert tone={/rollback|paused/.test(s.updateState) ? 'warning' : 'info'}>
          Last update: {s.updateState.replace(/_/g, ' ')}
          {s.updateMessage ? ` (${s.updateMessage})` : ''}
        </Alert>
      ) : null}
      {current.error ? <Alert tone="error">{current.error.message}</Alert> : null}
      {sid && !s ? (
        current.isPending ? (
          <ViewLoading what="service" />
        ) : null
      ) : (
        <ServiceForm hostId={hostId} sid={s?.id} initial={s ? toServiceFormValues(s.form) : blankService()} />
      )}
    </div>
  );
}

export function ServiceFormView({ hostId, sid }: { hostId: string; sid?: string }) {
  return useHydrated() ? <Inner hostId={hostId} sid={sid} /> : <ViewLoading what="service form" />;
}
