'use client';

import { Activity, EllipsisVertical, Play, RotateCw, ScrollText, Square, SquareTerminal, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { RemoveDialog } from '@/components/container-detail/remove-dialog';
import { MenuButton, type MenuItem } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import type { ContainerSummary } from '@/lib/types';
import { CAN, useContainerAction } from './use-container-action';

/**
 * What a Portainer user looks for at the end of a row: the container's logs, shell and stats, and its lifecycle
 * actions. The actions are the ones the detail page runs (useContainerAction, RemoveDialog); the list itself updates
 * from the live stream.
 */
export function RowMenu({ c }: { c: ContainerSummary }) {
  const run = useContainerAction();
  const [removing, setRemoving] = useState(false);
  const base = `/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.id)}`;
  const act = (action: 'start' | 'stop' | 'restart') => run.mutate({ hostId: c.hostId, cid: c.id, action });
  const stoppable = CAN.stop.includes(c.state);
  const items: MenuItem[] = [
    { key: 'logs', label: 'Logs', icon: ScrollText, href: `${base}?tab=logs` },
    {
      key: 'shell',
      label: 'Shell',
      icon: SquareTerminal,
      href: `${base}/terminal`,
      disabled: c.state !== 'running',
      title: c.state === 'running' ? undefined : `A shell needs a running container; ${c.name} is ${c.state}`,
    },
    { key: 'stats', label: 'Stats', icon: Activity, href: `${base}?tab=stats` },
    {
      key: 'restart',
      label: 'Restart',
      icon: RotateCw,
      onSelect: () => act('restart'),
      disabled: !CAN.restart.includes(c.state) || run.isPending,
      separated: true,
    },
    stoppable
      ? { key: 'stop', label: 'Stop', icon: Square, onSelect: () => act('stop'), disabled: run.isPending }
      : { key: 'start', label: 'Start', icon: Play, onSelect: () => act('start'), disabled: !CAN.start.includes(c.state) || run.isPending },
    { key: 'remove', label: 'Remove…', icon: Trash2, onSelect: () => setRemoving(true), danger: true, separated: true },
  ];
  return (
    <>
      <MenuButton label={`Actions for ${c.name}`} items={items}>
        {run.isPending ? <Spinner /> : <EllipsisVertical aria-hidden />}
      </MenuButton>
      {/* the row (and this dialog with it) goes away when the live stream reports the container removed */}
      <RemoveDialog c={c} open={removing} onClose={() => setRemoving(false)} onRemoved={() => setRemoving(false)} />
    </>
  );
}
