'use client';

import { Copy, FilePen, Pause, Pencil, Play, RotateCw, Square, SquareTerminal, Trash2, Zap, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { CAN, useContainerAction } from '@/components/containers/use-container-action';
import { Button } from '@/components/ui/button';
import type { ContainerDetail } from '@/lib/types';
import { RemoveDialog } from './remove-dialog';
import { RenameDialog } from './rename-dialog';

type Simple = keyof typeof CAN;
const SIMPLE: { action: Simple; label: string; icon: LucideIcon }[] = [
  { action: 'start', label: 'Start', icon: Play },
  { action: 'stop', label: 'Stop', icon: Square },
  { action: 'restart', label: 'Restart', icon: RotateCw },
  { action: 'kill', label: 'Kill', icon: Zap },
  { action: 'pause', label: 'Pause', icon: Pause },
  { action: 'unpause', label: 'Unpause', icon: Play },
];

interface Props {
  c: ContainerDetail;
  onRenamed: () => void;
  onRemoved: () => void;
}

export function ActionsBar({ c, onRenamed, onRemoved }: Props) {
  const run = useContainerAction();
  const [dialog, setDialog] = useState<'rename' | 'remove' | null>(null);
  const pending = run.isPending ? run.variables?.action : undefined;

  return (
    <>
      <div role="toolbar" aria-label="Container actions" className="flex flex-wrap items-center gap-1.5">
        {SIMPLE.map(({ action, label, icon: Icon }) => (
          <Button
            key={action}
            size="sm"
            disabled={!CAN[action].includes(c.state) || run.isPending}
            pending={pending === action}
            onClick={() => run.mutate({ hostId: c.hostId, cid: c.id, action })}
            data-action={action}
          >
            {pending === action ? null : <Icon aria-hidden />}
            {label}
          </Button>
        ))}
        <span aria-hidden className="mx-1 h-5 w-px bg-zinc-200 dark:bg-zinc-700" />
        {c.state === 'running' ? (
          <Link
            href={`/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.id)}/terminal`}
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 px-2.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800 [&>svg]:size-4"
          >
            <SquareTerminal aria-hidden />
            Terminal
          </Link>
        ) : null}
        {(['duplicate', 'recreate'] as const).map((mode) => (
          <Link
            key={mode}
            href={`/containers/new?host=${encodeURIComponent(c.hostId)}&from=${encodeURIComponent(c.id)}&mode=${mode}`}
            data-action={mode}
            className="inline-flex h-7 items-center gap-1 rounded-md border border-zinc-300 px-2 text-xs font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800 [&>svg]:size-4"
          >
            {mode === 'duplicate' ? <Copy aria-hidden /> : <FilePen aria-hidden />}
            {mode === 'duplicate' ? 'Duplicate' : 'Edit & recreate'}
          </Link>
        ))}
        <Button size="sm" onClick={() => setDialog('rename')} disabled={run.isPending} data-action="rename">
          <Pencil aria-hidden />
          Rename
        </Button>
        <Button size="sm" variant="danger" onClick={() => setDialog('remove')} disabled={run.isPending} data-action="remove">
          <Trash2 aria-hidden />
          Remove
        </Button>
      </div>
      <RenameDialog c={c} open={dialog === 'rename'} onClose={() => setDialog(null)} onRenamed={onRenamed} />
      <RemoveDialog c={c} open={dialog === 'remove'} onClose={() => setDialog(null)} onRemoved={onRemoved} />
    </>
  );
}
