'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DataTable, td, tdMuted } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { defaultHostId, HostProblems, useHostLists, useResourceScope } from '@/components/ui/resource-scope';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import type { StackSummary } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';
import { StackHealthBadges, useStackHealth } from './stack-health';
import { StackStateBadge } from './state-badge';

/** Every stack of the hosts in scope: Berth's own, and compose projects found by label that can be adopted. */
function StacksViewInner() {
  const scope = useResourceScope();
  const client = useQueryClient();
  const { rows, problems, pending } = useHostLists(scope.inScope, qk.stacks, stacksApi.list);
  const health = useStackHealth();
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [adopting, setAdopting] = useState('');
  const firstHost = defaultHostId(scope.host, scope.all);
  const loading = scope.loading || pending;

  const adopt = async (s: StackSummary) => {
    setAdopting(`${s.hostId}/${s.name}`);
    try {
      const r = await stacksApi.adopt(s.hostId, s.name);
      setMessage({ tone: 'info', text: r.message });
      await client.invalidateQueries({ queryKey: qk.stacks(s.hostId) });
    } catch (e) {
      setMessage({ tone: 'error', text: (e as Error).message });
    } finally {
      setAdopting('');
    }
  };

  const empty = loading
    ? 'Loading stacks…'
    : scope.all.length === 0
      ? 'No Docker hosts yet: add one on the Hosts page.'
      : rows.length === 0
        ? 'No stacks yet: create one from a compose file.'
        : null;
  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Stacks"
        description={loading ? 'Loading…' : `${rows.length} ${rows.length === 1 ? 'stack' : 'stacks'}${scope.host ? ` on ${scope.host.name}` : ''}`}
        actions={
          <Link href={`/stacks/new${scope.host ? `?host=${encodeURIComponent(scope.host.id)}` : ''}`}>
            <Button variant="primary" disabled={!firstHost}>
              <Plus aria-hidden />
              New stack
            </Button>
          </Link>
        }
      />
      {message ? (
        <Alert tone={message.tone} role="status">
          {message.text}
        </Alert>
      ) : null}
      <HostProblems problems={problems} what="stacks" />
      <DataTable
        head={['Name', ...(scope.host ? [] : ['Host']), 'State', 'Health', 'Containers', 'Services', 'Source', '']}
        testId="stack-table"
        label="Stacks"
        minWidth="min-w-[760px]"
        empty={empty}
      >
        {rows.map((s) => (
          <tr key={`${s.hostId}/${s.name}`} data-testid="stack-row" data-name={s.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <td className={`${td} font-medium`}>
              {/* external stacks open too: read-only, with the way to adopt them */}
              <Link className="text-accent hover:underline" href={stacksApi.stackHref(s.hostId, s.name)}>
                {s.name}
              </Link>
            </td>
            {scope.host ? null : <td className={tdMuted}>{scope.hostNames.get(s.hostId) ?? s.hostId}</td>}
            <td className={td}>
              <StackStateBadge state={s.state} />
            </td>
            <td className={td}>
              <StackHealthBadges counts={health.get(`${s.hostId}/${s.name}`)} />
            </td>
            <td className={`${td} tabular-nums`}>
              {s.running}/{s.total} running
            </td>
            <td className={tdMuted}>{s.services.join(', ')}</td>
            <td className={tdMuted}>{s.source === 'berth' ? `Berth${s.deployedVersion ? ` · v${s.deployedVersion}` : ''}` : 'external (compose CLI)'}</td>
            <td className="px-3 py-1.5 text-right">
              {s.source === 'external' ? (
                <Button size="sm" onClick={() => adopt(s)} pending={adopting === `${s.hostId}/${s.name}`}>
                  Adopt
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

export function StacksView() {
  return useHydrated() ? <StacksViewInner /> : <ViewLoading what="stacks" />;
}
