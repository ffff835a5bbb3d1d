'use client';

import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { DataTable, td, tdMono, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import type { ServicePort, ServiceSummary, ServiceUpdate } from '@/lib/swarm-types';

export const portText = (p: ServicePort) => `${p.published ?? '(auto)'}:${p.target}/${p.protocol}${p.mode === 'host' ? ' host' : ''}`;

const UPDATE_TONE: Record<string, Tone> = {
  updating: 'blue',
  paused: 'amber',
  completed: 'green',
  rollback_started: 'blue',
  rollback_paused: 'red',
  rollback_completed: 'amber',
};

export function UpdateBadge({ update }: { update: ServiceUpdate | null }) {
  if (!update) return <Muted>—</Muted>;
  return (
    <Badge tone={UPDATE_TONE[update.state] ?? 'grey'} title={update.message}>
      {update.state.replace('_', ' ')}
    </Badge>
  );
}

export function ReplicasBadge({ s }: { s: Pick<ServiceSummary, 'running' | 'desired'> }) {
  const tone: Tone = s.running === s.desired ? (s.desired === 0 ? 'grey' : 'green') : s.running === 0 ? 'red' : 'amber';
  return (
    <Badge tone={tone} dot>
      <span data-testid="service-replicas" className="tabular-nums">
        {s.running}/{s.desired}
      </span>
    </Badge>
  );
}

export function ServiceTable({ hostId, services }: { hostId: string; services: ServiceSummary[] }) {
  return (
    <DataTable
      head={['Name', 'Mode', 'Replicas', 'Image', 'Ports', 'Update']}
      testId="service-table"
      label="Swarm services"
      minWidth="min-w-[860px]"
      empty={services.length ? undefined : 'No services. Create one with New service, or deploy a stack.'}
    >
      {services.map((s) => (
        <tr key={s.id} data-testid="service-row" data-name={s.name} data-id={s.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
          <td className={`${td} font-medium`}>
            <Link className="text-accent hover:underline" href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(s.id)}`}>
              {s.name}
            </Link>
            {s.stack ? <div className="text-xs font-normal text-zinc-500">stack {s.stack}</div> : null}
            {s.pending ? (
              <div data-testid="service-pending" className="mt-1 max-w-md text-xs font-normal text-amber-700 dark:text-amber-400">
                {s.pending}
              </div>
            ) : null}
          </td>
          <td className={tdMuted}>{s.mode}</td>
          <td className={td}>
            <ReplicasBadge s={s} />
          </td>
          <td className={tdMono}>{s.image}</td>
          <td className={tdMono}>{s.ports.length ? s.ports.map(portText).join(', ') : <Muted>—</Muted>}</td>
          <td className={td}>
            <UpdateBadge update={s.update} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
