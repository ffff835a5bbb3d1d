'use client';

import { Play, Square } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { ContainerSummary } from '@/lib/types';
import { CAN, useContainerAction } from './use-container-action';

export function QuickActions({ c }: { c: ContainerSummary }) {
  const run = useContainerAction();
  const pending = run.isPending ? run.variables?.action : undefined;
  const act = (action: 'start' | 'stop') => run.mutate({ hostId: c.hostId, cid: c.id, action });
  return (
    <div className="flex items-center gap-0.5">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Start"
        title={`Start ${c.name}`}
        disabled={!CAN.start.includes(c.state) || run.isPending}
        pending={pending === 'start'}
        onClick={() => act('start')}
      >
        {pending === 'start' ? null : <Play aria-hidden />}
      </Button>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Stop"
        title={`Stop ${c.name}`}
        disabled={!CAN.stop.includes(c.state) || run.isPending}
        pending={pending === 'stop'}
        onClick={() => act('stop')}
      >
        {pending === 'stop' ? null : <Square aria-hidden />}
      </Button>
    </div>
  );
}
