'use client';

import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { HostStats } from '@/components/stats/host-stats';
import { Alert } from '@/components/ui/alert';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { useHosts } from '@/lib/live';
import { HostStatusBadge } from './host-status';

/** One host: its status and Engine facts, and the live resource totals of its containers. */
function HostDetailInner({ hostId }: { hostId: string }) {
  const { data: hosts, isPending } = useHosts();
  const h = hosts?.find((x) => x.id === hostId);
  return (
    <div className="flex flex-col gap-4 p-4 md:p-6" data-testid="host-detail">
      <Link
        href="/hosts"
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        Hosts
      </Link>
      {!h ? (
        isPending ? null : (
          <Alert tone="error">No host with id “{hostId}”: it may have been removed.</Alert>
        )
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-lg font-semibold tracking-tight">{h.name}</h1>
            <HostStatusBadge status={h.status} />
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{h.address}</span>
            {h.info ? (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                Docker {h.info.engineVersion} · API {h.info.berthApi ?? h.info.apiVersion}
                {h.info.berthApi && h.info.berthApi !== h.info.apiVersion ? ` (Engine offers ${h.info.apiVersion})` : ''} · {h.info.os} · {h.info.cpus} CPUs
              </span>
            ) : null}
            <Link href={`/containers?host=${encodeURIComponent(h.id)}`} className="text-xs font-medium text-accent hover:underline">
              Containers
            </Link>
            {h.info?.swarm === 'manager' ? (
              <Link href={`/hosts/${encodeURIComponent(h.id)}/swarm`} className="text-xs font-medium text-accent hover:underline" data-testid="host-swarm-link">
                Swarm
              </Link>
            ) : h.info?.swarm === 'worker' ? (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">swarm worker</span>
            ) : null}
          </div>
          <HostStats hostId={h.id} cpus={h.info?.cpus} memTotal={h.info?.memTotal} />
        </>
      )}
    </div>
  );
}

export function HostDetailView({ hostId }: { hostId: string }) {
  return useHydrated() ? <HostDetailInner hostId={hostId} /> : <ViewLoading what="host" />;
}
