'use client';

import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, td } from '@/components/ui/data-table';
import { qk } from '@/lib/query-keys';
import { ReplicasBadge } from './service-table';
import { STACK_POLL_MS, swarmStackApi } from './swarm-stack-api';

/** The Swarm page's Stacks: Berth's and those the docker CLI deployed (found by the same label), and New Swarm stack. */
export function SwarmStackTable({ hostId, canCreate }: { hostId: string; canCreate: boolean }) {
  const stacks = useQuery({ queryKey: qk.swarmStacks(hostId), queryFn: () => swarmStackApi.list(hostId), refetchInterval: STACK_POLL_MS });
  const rows = stacks.data ?? [];
  return (
    <section className="flex flex-col gap-2" aria-labelledby="swarm-stacks-heading" data-testid="swarm-stacks-section">
      <div className="flex items-center justify-between gap-2">
        <h2 id="swarm-stacks-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Stacks{stacks.data ? <span className="ml-1.5 font-normal text-zinc-500">{rows.length}</span> : null}
        </h2>
        {canCreate ? (
          <Link href={swarmStackApi.newHref(hostId)} data-testid="new-swarm-stack">
            <Button variant="primary" size="sm">
              <Plus aria-hidden />
              New Swarm stack
            </Button>
          </Link>
        ) : null}
      </div>
      {stacks.error ? <Alert tone="error">{stacks.error.message}</Alert> : null}
      <DataTable
        head={['Name', 'Deployed by', 'Services', 'Tasks']}
        testId="swarm-stack-table"
        label="Swarm stacks"
        empty={rows.length ? undefined : 'No stacks. Deploy a compose file with New Swarm stack (or docker stack deploy).'}
      >
        {rows.map((s) => (
          <tr key={s.name} data-testid="swarm-stack-row" data-name={s.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <td className={`${td} font-medium`}>
              <Link className="text-accent hover:underline" href={swarmStackApi.href(hostId, s.name)}>
                {s.name}
              </Link>
            </td>
            <td className={td}>
              <Badge tone={s.source === 'berth' ? 'blue' : 'violet'}>{s.source === 'berth' ? 'Berth' : 'docker CLI'}</Badge>
            </td>
            <td className={td} data-testid="swarm-stack-services">
              {s.services}
            </td>
            <td className={td}>
              <ReplicasBadge s={s} />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
