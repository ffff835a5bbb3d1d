'use client';

import { Cable, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, td, tdMono, UsedBy } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import type { NetworkSummary } from '@/lib/types';

interface Props {
  rows: NetworkSummary[];
  showHost: boolean;
  hostNames: Map<string, string>;
  onConnect: (n: NetworkSummary) => void;
  onRemove: (n: NetworkSummary) => void;
  empty: ReactNode;
}

export function NetworkTable({ rows, showHost, hostNames, onConnect, onRemove, empty }: Props) {
  const head = ['Name', ...(showHost ? ['Host'] : []), 'Driver', 'Scope', 'Subnet', 'Gateway', 'Flags', 'Containers', 'Actions'];
  return (
    <DataTable head={head} testId="network-table" label="Networks" minWidth="min-w-[920px]" empty={empty}>
      {rows.map((n) => (
        <tr key={`${n.hostId}/${n.id}`} data-testid="network-row" data-name={n.name} data-id={n.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
          <td className={`${td} font-medium break-all`}>
            {n.name}
            {n.predefined ? (
              <Badge tone="grey" className="ml-2">
                predefined
              </Badge>
            ) : null}
          </td>
          {showHost ? <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{hostNames.get(n.hostId) ?? n.hostId}</td> : null}
          <td className={td}>{n.driver}</td>
          <td className={td}>{n.scope}</td>
          <td className={tdMono}>{n.ipam.length ? n.ipam.map((c) => c.subnet ?? '—').join(', ') : <Muted>—</Muted>}</td>
          <td className={tdMono}>{n.ipam.some((c) => c.gateway) ? n.ipam.map((c) => c.gateway ?? '—').join(', ') : <Muted>—</Muted>}</td>
          <td className={td}>
            <span className="flex flex-wrap gap-1">
              {n.internal ? <Badge tone="amber">internal</Badge> : null}
              {n.attachable ? <Badge tone="blue">attachable</Badge> : null}
              {n.ipv6 ? <Badge tone="violet">IPv6</Badge> : null}
              {!n.internal && !n.attachable && !n.ipv6 ? <Muted>—</Muted> : null}
            </span>
          </td>
          <td className={td}>
            <UsedBy hostId={n.hostId} users={n.containers} />
          </td>
          <td className="px-3 py-1.5">
            <div className="flex justify-end gap-1">
              <Button size="icon" variant="ghost" aria-label="Containers" title={`Connect or disconnect containers on ${n.name}`} onClick={() => onConnect(n)}>
                <Cable aria-hidden />
              </Button>
              <Button
                size="icon"
                variant="ghost"
                aria-label="Remove"
                title={n.predefined ? `${n.name} is predefined and cannot be removed` : `Remove ${n.name}`}
                disabled={n.predefined}
                onClick={() => onRemove(n)}
                className="hover:text-red-600 dark:hover:text-red-400"
              >
                <Trash2 aria-hidden />
              </Button>
            </div>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
