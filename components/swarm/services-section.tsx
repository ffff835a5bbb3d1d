'use client';

import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { qk } from '@/lib/query-keys';
import type { ServiceSummary } from '@/lib/swarm-types';
import { serviceApi, TASK_POLL_MS } from './service-api';
import { ServiceTable } from './service-table';

/**
 * The Swarm page's Services: the list with counts, polled while shown (task counts have no events), and New service.
 * Until the list is fetched, the first rows that came with the page's HTML stand in (SwarmFirstScreen).
 */
export function ServicesSection({ hostId, canCreate, first }: { hostId: string; canCreate: boolean; first?: { rows: ServiceSummary[]; total: number } }) {
  const services = useQuery({ queryKey: qk.swarmServices(hostId), queryFn: () => serviceApi.list(hostId), refetchInterval: TASK_POLL_MS });
  const early = services.data || services.isError ? undefined : first;
  const count = services.data?.length ?? early?.total;
  return (
    <section className="flex flex-col gap-2" aria-labelledby="services-heading" data-testid="services-section">
      <div className="flex items-center justify-between gap-2">
        <h2 id="services-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Services{count !== undefined ? <span className="ml-1.5 font-normal text-zinc-500">{count}</span> : null}
        </h2>
        {canCreate ? (
          <Link href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/new`} data-testid="new-service">
            <Button variant="primary" size="sm">
              <Plus aria-hidden />
              New service
            </Button>
          </Link>
        ) : null}
      </div>
      {services.error ? <Alert tone="error">{services.error.message}</Alert> : null}
      <ServiceTable hostId={hostId} services={services.data ?? early?.rows ?? []} />
      {early && early.total > early.rows.length ? (
        <p className="text-xs text-zinc-500" data-testid="services-more">
          {early.total - early.rows.length} more loading…
        </p>
      ) : null}
    </section>
  );
}
