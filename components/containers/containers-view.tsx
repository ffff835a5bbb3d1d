'use client';

import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useDeferredValue, useMemo, useState } from 'react';
import { resolveHost, useHostScope } from '@/components/shell/use-host-scope';
import { Alert } from '@/components/ui/alert';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { PageHeader } from '@/components/ui/page-header';
import { useNow } from '@/components/ui/use-now';
import { useContainers, useHosts } from '@/lib/live';
import type { ContainerSummary, HostView } from '@/lib/types';
import { ContainerFilters } from './container-filters';
import { ContainerTable } from './container-table';
import { distinct, EMPTY_FILTERS, type Filters, filterContainers, type Sort, type SortKey, sortContainers } from './filter-model';
import { OfflineNotices } from './offline-notices';

const NONE: ContainerSummary[] = [];
const NO_HOSTS: HostView[] = [];

function ContainersViewInner() {
  const containers = useContainers();
  const hosts = useHosts();
  const { hostId: hostParam, setHost } = useHostScope();
  const now = useNow();
  const [local, setLocal] = useState(EMPTY_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  // Typing stays responsive at 5,000 rows: the list re-filters at lower priority than the input.
  const q = useDeferredValue(local.q);

  const all = containers.data ?? NONE;
  const hostList = hosts.data ?? NO_HOSTS;
  const hostNames = useMemo(() => new Map(hostList.map((h) => [h.id, h.name])), [hostList]);
  const hostId = resolveHost(hostParam, hostList)?.id ?? hostParam;
  const filters: Filters = { ...local, host: hostId };

  const rows = useMemo(
    () => sortContainers(filterContainers(all, hostNames, { ...local, q, host: hostId }), hostNames, sort),
    [all, hostNames, local, q, hostId, sort],
  );
  // Choices come from what is on the hosts in scope, so a select never offers something that matches nothing.
  const scoped = useMemo(() => (hostId ? all.filter((c) => c.hostId === hostId) : all), [all, hostId]);
  const states = useMemo(() => distinct(scoped.map((c) => c.state)), [scoped]);
  const images = useMemo(() => distinct(scoped.map((c) => c.image)), [scoped]);
  const projects = useMemo(() => distinct(scoped.map((c) => c.project)), [scoped]);

  const onChange = (patch: Partial<Filters>) => {
    if ('host' in patch) setHost(patch.host ?? null);
    const { host: _h, ...rest } = patch;
    if (Object.keys(rest).length) setLocal((f) => ({ ...f, ...rest }));
  };
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'created' ? 'desc' : 'asc' }));

  const scopedHosts = hostId ? hostList.filter((h) => h.id === hostId) : hostList;
  const running = scoped.filter((c) => c.state === 'running').length;
  const loading = containers.isPending || hosts.isPending;
  const error = containers.error ?? hosts.error;

  const empty = loading ? (
    'Loading containers…'
  ) : hostList.length === 0 ? (
    <>
      No Docker hosts yet.{' '}
      <Link href="/hosts" className="font-medium text-accent hover:underline">
        Add a host
      </Link>{' '}
      to see its containers here.
    </>
  ) : scoped.length === 0 ? (
    'No containers on the hosts in scope.'
  ) : (
    'No containers match these filters.'
  );

  return (
    <div className="flex h-full min-h-[480px] flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Containers"
        actions={
          <Link
            href={`/containers/new${hostId ? `?host=${encodeURIComponent(hostId)}` : ''}`}
            data-testid="launch-container"
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-transparent bg-accent px-3 text-sm font-medium text-white shadow-sm hover:bg-accent-strong"
          >
            <Plus className="size-4" aria-hidden />
            Launch container
          </Link>
        }
        description={
          loading
            ? 'Loading…'
            : `${scoped.length.toLocaleString()} containers · ${running.toLocaleString()} running · ${scopedHosts.length} ${scopedHosts.length === 1 ? 'host' : 'hosts'}${rows.length !== scoped.length ? ` · ${rows.length.toLocaleString()} shown` : ''}`
        }
      />
      <ContainerFilters filters={filters} onChange={onChange} hosts={hostList} states={states} images={images} projects={projects} />
      {error ? (
        <Alert tone="error" role="alert">
          Could not load containers: {error.message}
        </Alert>
      ) : null}
      <OfflineNotices hosts={scopedHosts} now={now} />
      <ContainerTable rows={rows} hostNames={hostNames} sort={sort} onSort={onSort} empty={empty} />
    </div>
  );
}

export function ContainersView() {
  return useHydrated() ? <ContainersViewInner /> : <ViewLoading what="containers" />;
}
