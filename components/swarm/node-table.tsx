'use client';

import { ArrowDownToLine, ArrowUpToLine, CirclePause, CirclePlay, EllipsisVertical, Tag, Trash2, Waves } from 'lucide-react';
import { Badge, type Tone } from '@/components/ui/badge';
import { DataTable, Labels, td, tdMono, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { MenuButton, type MenuItem } from '@/components/ui/menu';
import { formatBytes } from '@/lib/format';
import type { NodeUpdate } from '@/lib/schemas/swarm';
import type { SwarmNode } from '@/lib/swarm-types';

export type NodeAction = { kind: 'update'; node: SwarmNode; input: NodeUpdate } | { kind: 'labels' | 'remove'; node: SwarmNode };

const STATUS_TONE: Record<string, Tone> = { ready: 'green', down: 'red', disconnected: 'red', unknown: 'grey' };
const AVAILABILITY_TONE: Record<string, Tone> = { active: 'green', pause: 'amber', drain: 'amber' };

/**
 * The row menu: what an admin may do with a node. Items that cannot apply are disabled with the reason, so a user
 * learns why (the server refuses them too, in the same words).
 */
function menuItems(n: SwarmNode, managers: number, act: (a: NodeAction) => void): MenuItem[] {
  const avail = (a: 'active' | 'pause' | 'drain', label: string, icon: MenuItem['icon']): MenuItem => ({
    key: a,
    label,
    icon,
    disabled: n.availability === a,
    onSelect: () => act({ kind: 'update', node: n, input: { availability: a } }),
  });
  const last = n.role === 'manager' && managers <= 1;
  return [
    avail('active', 'Activate', CirclePlay),
    avail('pause', 'Pause (no new tasks)', CirclePause),
    avail('drain', 'Drain (move tasks away)', Waves),
    { key: 'labels', label: 'Edit labels…', icon: Tag, separated: true, onSelect: () => act({ kind: 'labels', node: n }) },
    n.role === 'worker'
      ? { key: 'promote', label: 'Promote to manager', icon: ArrowUpToLine, onSelect: () => act({ kind: 'update', node: n, input: { role: 'manager' } }) }
      : {
          key: 'demote',
          label: 'Demote to worker',
          icon: ArrowDownToLine,
          disabled: last,
          title: last ? 'The last manager: the swarm would have no manager' : undefined,
          onSelect: () => act({ kind: 'update', node: n, input: { role: 'worker' } }),
        },
    {
      key: 'remove',
      label: 'Remove node…',
      icon: Trash2,
      danger: true,
      separated: true,
      disabled: n.status !== 'down',
      title: n.status !== 'down' ? 'Only a down node can be removed: drain it and run "docker swarm leave" on it first' : undefined,
      onSelect: () => act({ kind: 'remove', node: n }),
    },
  ];
}

export function NodeTable({ nodes, isAdmin, act }: { nodes: SwarmNode[]; isAdmin: boolean; act: (a: NodeAction) => void }) {
  const managers = nodes.filter((n) => n.role === 'manager').length;
  const head = ['Hostname', 'Role', 'Status', 'Availability', 'Engine', 'Address', 'Resources', 'Labels', ...(isAdmin ? ['Actions'] : [])];
  return (
    <DataTable head={head} testId="node-table" label="Swarm nodes" minWidth="min-w-[980px]" empty={nodes.length ? undefined : 'No nodes.'}>
      {nodes.map((n) => (
        <tr key={n.id} data-testid="node-row" data-hostname={n.hostname} data-id={n.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
          <td className={`${td} font-medium`}>
            {n.hostname}
            {n.self ? <span className="ml-1.5 text-xs font-normal text-zinc-500">(this host)</span> : null}
            <div className="font-mono text-[11px] font-normal text-zinc-400">{n.id.slice(0, 12)}</div>
          </td>
          <td className={td}>
            <span className="flex flex-wrap items-center gap-1">
              {n.role}
              {n.leader ? <Badge tone="violet">leader</Badge> : null}
              {n.reachability && n.reachability !== 'reachable' ? <Badge tone="red">{n.reachability}</Badge> : null}
            </span>
          </td>
          <td className={td} data-testid="node-status">
            <Badge tone={STATUS_TONE[n.status] ?? 'grey'} dot title={n.message ?? undefined}>
              {n.status}
            </Badge>
          </td>
          <td className={td} data-testid="node-availability">
            <Badge tone={AVAILABILITY_TONE[n.availability] ?? 'grey'}>{n.availability}</Badge>
          </td>
          <td className={tdMuted}>{n.engineVersion || <Muted>—</Muted>}</td>
          <td className={tdMono}>{n.addr}</td>
          <td className={tdMuted}>
            {(n.nanoCpus / 1e9).toFixed(n.nanoCpus % 1e9 ? 1 : 0)} CPU · {formatBytes(n.memoryBytes)}
            <div>
              {n.os}/{n.arch}
            </div>
          </td>
          <td className={td} data-testid="node-labels">
            <Labels labels={n.labels} />
          </td>
          {isAdmin ? (
            <td className="px-3 py-1.5 text-right">
              <MenuButton label={`Actions for ${n.hostname}`} items={menuItems(n, managers, act)}>
                <EllipsisVertical className="size-4" aria-hidden />
              </MenuButton>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
