'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronLeft, KeyRound } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { accessApi } from '@/components/access/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import type { SwarmFirstScreen } from '@/lib/swarm-types';
import { swarmApi } from './api';
import { serviceApi, TASK_POLL_MS } from './service-api';
import { STACK_POLL_MS, swarmStackApi } from './swarm-stack-api';
import { EnvironmentSummary } from './environment-summary';
import { JoinDialog } from './join-dialog';
import { LabelsDialog } from './labels-dialog';
import { type NodeAction, NodeTable } from './node-table';
import { SecretTable } from './secret-table';
import { ServicesSection } from './services-section';
import { SwarmStackTable } from './swarm-stack-table';

/**
 * A manager's Engine reports node changes (availability, role, labels, a node going down) as node events, which the
 * host runtime passes on through the live stream; lib/live.ts then refetches this page's queries. The slow poll is
 * only a safety net for what events do not carry (a manager's reachability as another manager sees it).
 */
const POLL_MS = 30_000;

/** What a confirmation says about an update before it is made; availability "active" and labels need none. */
function confirmText(a: Extract<NodeAction, { kind: 'update' }>): { title: string; body: string; label: string } | null {
  const name = a.node.hostname;
  if (a.input.availability === 'drain')
    return {
      title: `Drain ${name}?`,
      body: `Its tasks are stopped and started on other nodes; no new tasks are placed on it until it is active again.`,
      label: 'Drain',
    };
  if (a.input.availability === 'pause') return { title: `Pause ${name}?`, body: 'Its tasks keep running; no new tasks are placed on it.', label: 'Pause' };
  if (a.input.role === 'manager')
    return {
      title: `Promote ${name}?`,
      body: 'It joins the managers (raft). Keep an odd number of managers: an even number adds no fault tolerance.',
      label: 'Promote',
    };
  if (a.input.role === 'worker') return { title: `Demote ${name}?`, body: 'It leaves the managers; quorum is then counted without it.', label: 'Demote' };
  return null;
}

/** A query's first value from the page's HTML (SwarmFirstScreen), dated so the usual polls and events take over. */
const seeded = <T,>(data: T | undefined, at: number | undefined) => (data === undefined ? {} : { initialData: data, initialDataUpdatedAt: at });

function SwarmInner({ hostId, first }: { hostId: string; first?: SwarmFirstScreen }) {
  const client = useQueryClient();
  const toast = useToast();
  const hosts = useHosts();
  const host = hosts.data?.find((h) => h.id === hostId);
  const hostName = host?.name ?? first?.hostName;
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  // until the account is fetched, the role the first screen was read with (so the server's HTML and the first
  // render in the browser agree)
  const role = me.data ? (me.data.account.isAdmin ? 'admin' : me.data.roles[hostId]) : first?.role;
  const isAdmin = role === 'admin';
  const canChange = isAdmin || role === 'operator';
  const env = useQuery({
    queryKey: qk.swarm(hostId),
    queryFn: () => swarmApi.environment(hostId),
    refetchInterval: POLL_MS,
    ...seeded(first?.env, first?.at),
  });
  const manager = env.data?.state === 'manager';
  // The host list already says the host manages a swarm: the nodes and services are asked for beside the environment,
  // not after it, so the tables fill one round trip sooner (bench/p14.ts times the first services row).
  const likelyManager = manager || (!env.data && host?.info?.swarm === 'manager');
  const nodes = useQuery({
    queryKey: qk.swarmNodes(hostId),
    queryFn: () => swarmApi.nodes(hostId),
    enabled: likelyManager,
    refetchInterval: POLL_MS,
    ...seeded(first?.nodes, first?.at),
  });
  useQuery({
    queryKey: qk.swarmServices(hostId),
    queryFn: () => serviceApi.list(hostId),
    enabled: likelyManager,
    refetchInterval: TASK_POLL_MS,
  });
  useQuery({
    queryKey: qk.swarmStacks(hostId),
    queryFn: () => swarmStackApi.list(hostId),
    enabled: likelyManager,
    refetchInterval: STACK_POLL_MS,
    ...seeded(first?.stacks, first?.at),
  });
  const [open, setOpen] = useState<NodeAction | { kind: 'join' } | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: qk.swarm(hostId) });
    void client.invalidateQueries({ queryKey: qk.swarmNodes(hostId) });
  };
  const update = open?.kind === 'update' ? open : null;
  const target = open && open.kind !== 'join' ? open.node : null;
  const confirm = update ? confirmText(update) : null;
  // Updates that need no confirmation (making a node active again) run at once; the answer or refusal is a toast.
  const act = (a: NodeAction) => {
    if (a.kind === 'update' && !confirmText(a)) {
      swarmApi
        .update(hostId, a.node.id, a.input)
        .then(
          (r) => toast('success', r.message),
          (e: Error) => toast('error', e.message),
        )
        .finally(refresh);
      return;
    }
    setOpen(a);
  };

  return (
    <div className="flex flex-col gap-4 p-4 md:p-6" data-testid="swarm-page">
      <Link
        href={`/hosts/${encodeURIComponent(hostId)}`}
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        {hostName ?? 'Host'}
      </Link>
      <PageHeader
        title={`Swarm${hostName ? ` · ${hostName}` : ''}`}
        description="The swarm this host manages: its managers and quorum, and its nodes"
        actions={
          manager && isAdmin ? (
            <Button onClick={() => setOpen({ kind: 'join' })} data-testid="show-join">
              <KeyRound aria-hidden />
              Show join command
            </Button>
          ) : null
        }
      />
      {env.error ? <Alert tone="error">{env.error.message}</Alert> : null}
      {!env.data ? (
        env.isPending ? (
          <ViewLoading what="swarm" />
        ) : null
      ) : env.data.state !== 'manager' ? (
        <Alert tone="info" testId="swarm-not-manager">
          {env.data.message}
        </Alert>
      ) : (
        <>
          <EnvironmentSummary env={env.data} />
          {nodes.error ? <Alert tone="error">{nodes.error.message}</Alert> : null}
          <NodeTable nodes={nodes.data ?? []} isAdmin={isAdmin} act={act} />
          <SwarmStackTable hostId={hostId} canCreate={canChange} />
          <ServicesSection hostId={hostId} canCreate={canChange} first={first?.services} />
          <SecretTable hostId={hostId} kind="secret" canChange={canChange} />
          <SecretTable hostId={hostId} kind="config" canChange={canChange} />
        </>
      )}
      <JoinDialog hostId={hostId} open={open?.kind === 'join'} onClose={() => setOpen(null)} />
      <LabelsDialog hostId={hostId} node={open?.kind === 'labels' ? open.node : null} onClose={() => setOpen(null)} onDone={refresh} />
      <ConfirmDialog
        open={Boolean(update && confirm)}
        onClose={() => setOpen(null)}
        title={confirm?.title ?? ''}
        confirmLabel={confirm?.label ?? 'OK'}
        run={() => swarmApi.update(hostId, update!.node.id, update!.input)}
        onDone={refresh}
      >
        <p>{confirm?.body}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open?.kind === 'remove'}
        onClose={() => setOpen(null)}
        title={`Remove ${target?.hostname ?? ''}?`}
        confirmLabel="Remove node"
        run={() => swarmApi.remove(hostId, target!.id)}
        onDone={refresh}
      >
        <p>The node is down. It leaves the swarm&apos;s node list; to come back it must join again with a join command.</p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * With a first screen from the server the page renders at once, on the server too: every query it reads starts from
 * that screen, so the HTML and the browser's first render agree. Without one (no access, or the reading failed) it
 * waits for hydration and asks the API, which says why.
 */
export function SwarmView({ hostId, first }: { hostId: string; first?: SwarmFirstScreen }) {
  const hydrated = useHydrated();
  return first || hydrated ? <SwarmInner hostId={hostId} first={first} /> : <ViewLoading what="swarm" />;
}
