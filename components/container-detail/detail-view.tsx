'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { HealthBadge, StateBadge } from '@/components/containers/state-badge';
import { ContainerUpdate } from '@/components/images/image-updates';
import { WhyContainer } from '@/components/diagnosis/why';
import { Alert } from '@/components/ui/alert';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { Spinner } from '@/components/ui/spinner';
import { ApiError, api } from '@/lib/api-client';
import { shortId } from '@/lib/format';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { LogsViewer } from '@/components/logs/logs-viewer';
import { ContainerStats } from '@/components/stats/container-stats';
import { ActionsBar } from './actions-bar';
import { EnvCard } from './env-card';
import { SummaryCard } from './summary-card';
import { HealthLogCard, LabelsCard, MountsCard, NetworksCard, PortsCard } from './sections';

const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;

type Tab = 'overview' | 'logs' | 'stats';
const TABS: { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'logs', label: 'Logs' },
  { id: 'stats', label: 'Stats' },
];

function DetailTabs({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  return (
    <div role="tablist" aria-label="Container views" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`tab-panel-${t.id}`}
          onClick={() => onTab(t.id)}
          className={
            tab === t.id
              ? '-mb-px border-b-2 border-accent px-3 py-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100'
              : '-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
          }
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function ContainerDetailViewInner({ hostId, cid, initialTab }: { hostId: string; cid: string; initialTab?: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const { data: hosts } = useHosts();
  const host = hosts?.find((h) => h.id === hostId);
  // Refetched by the live stream (lib/live.ts) whenever the Engine reports a change to this container.
  const q = useQuery({
    queryKey: qk.container(hostId, cid),
    queryFn: () => api.getContainer(hostId, cid),
    retry: (n, e) => !isNotFound(e) && n < 1,
  });
  const c = q.data;
  // The tab is kept in the URL (?tab=logs) so that a logs view can be linked and reloaded.
  const [tab, setTabState] = useState<Tab>(initialTab === 'logs' || initialTab === 'stats' ? initialTab : 'overview');
  const setTab = (t: Tab) => {
    setTabState(t);
    const url = new URL(window.location.href);
    if (t !== 'overview') url.searchParams.set('tab', t);
    else url.searchParams.delete('tab');
    window.history.replaceState(window.history.state, '', url);
  };

  const back = (
    <Link
      href="/containers"
      className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <ChevronLeft className="size-3.5" aria-hidden />
      Containers
    </Link>
  );

  if (!c) {
    return (
      <div className="flex flex-col gap-3 p-4 md:p-6">
        {back}
        {q.isPending ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500">
            <Spinner /> Loading container…
          </p>
        ) : (
          <Alert tone="error" role="alert">
            {q.error?.message ?? 'Could not load this container'}
          </Alert>
        )}
      </div>
    );
  }

  const onRemoved = () => {
    client.removeQueries({ queryKey: qk.container(hostId, cid) });
    router.push('/containers');
  };
  // Opened by name, a rename would leave this URL pointing at nothing; the id does not change.
  const onRenamed = () => {
    if (cid !== c.id) router.replace(`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(c.id)}`);
  };

  return (
    <div className="flex flex-col gap-4 p-4 md:p-6" data-testid="container-detail" data-name={c.name} data-state={c.state}>
      {back}
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-lg font-semibold tracking-tight break-all">{c.name}</h1>
          <StateBadge state={c.state} exitCode={c.exitCode} />
          <HealthBadge health={c.health} />
          <ContainerUpdate hostId={hostId} containerId={c.id} project={c.project} />
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            on <span className="font-medium text-zinc-700 dark:text-zinc-300">{host?.name ?? hostId}</span> · <code className="font-mono">{shortId(c.id)}</code>
          </span>
          {q.isFetching ? <Spinner className="text-zinc-400" label="Refreshing" /> : null}
        </div>
        <ActionsBar c={c} onRenamed={onRenamed} onRemoved={onRemoved} />
      </div>
      {q.error ? (
        <Alert tone={isNotFound(q.error) ? 'warning' : 'error'} role="alert">
          {isNotFound(q.error) ? `${q.error.message}. What is shown below is how it last looked.` : `Could not refresh: ${q.error.message}`}
        </Alert>
      ) : null}
      <WhyContainer hostId={hostId} c={c} />
      <DetailTabs tab={tab} onTab={setTab} />
      {tab === 'logs' ? (
        <div role="tabpanel" id="tab-panel-logs" aria-labelledby="tab-logs">
          <LogsViewer hostId={hostId} cid={c.id} />
        </div>
      ) : tab === 'stats' ? (
        <div role="tabpanel" id="tab-panel-stats" aria-labelledby="tab-stats">
          <ContainerStats hostId={hostId} cid={c.id} />
        </div>
      ) : (
        <div role="tabpanel" id="tab-panel-overview" aria-labelledby="tab-overview" className="flex flex-col gap-4">
          <SummaryCard c={c} />
          <div className="grid items-start gap-4 xl:grid-cols-2">
            <EnvCard env={c.env} />
            <div className="flex flex-col gap-4">
              <PortsCard ports={c.ports} />
              <NetworksCard networks={c.networks} />
            </div>
            <MountsCard mounts={c.mounts} />
            <LabelsCard labels={c.labels} />
          </div>
          <HealthLogCard log={c.healthLog} />
        </div>
      )}
    </div>
  );
}

export function ContainerDetailView(props: { hostId: string; cid: string; initialTab?: string }) {
  return useHydrated() ? <ContainerDetailViewInner {...props} /> : <ViewLoading what="container" />;
}
