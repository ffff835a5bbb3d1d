'use client';

import { Badge, type Tone } from '@/components/ui/badge';
import { DataTable, td, tdMono, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { formatRelative } from '@/lib/format';
import type { SwarmTask } from '@/lib/swarm-types';

const STATE_TONE: Record<string, Tone> = {
  running: 'green',
  complete: 'grey',
  shutdown: 'grey',
  pending: 'amber',
  assigned: 'blue',
  accepted: 'blue',
  preparing: 'blue',
  ready: 'blue',
  starting: 'blue',
  failed: 'red',
  rejected: 'red',
  orphaned: 'red',
  remove: 'grey',
};

/** A service's tasks: those meant to run first, then the shut-down history Swarm keeps, each with its problem in words. */
export function TaskTable({ tasks }: { tasks: SwarmTask[] }) {
  return (
    <DataTable
      head={['Task', 'Node', 'Desired', 'Current', 'Problem']}
      testId="task-table"
      label="Tasks"
      minWidth="min-w-[860px]"
      empty={tasks.length ? undefined : 'No tasks.'}
    >
      {tasks.map((t) => (
        <tr
          key={t.id}
          data-testid="task-row"
          data-state={t.state}
          data-desired={t.desiredState}
          className={t.desiredState === 'running' ? '' : 'text-zinc-500 dark:text-zinc-400'}
        >
          <td className={tdMono}>{t.name}</td>
          <td className={td}>{t.nodeName ?? <Muted>not placed</Muted>}</td>
          <td className={tdMuted}>{t.desiredState}</td>
          <td className={td}>
            <Badge tone={STATE_TONE[t.state] ?? 'grey'} dot title={t.message}>
              {t.state}
            </Badge>
            <div className="mt-0.5 text-xs text-zinc-500" title={t.timestamp}>
              {formatRelative(t.timestamp)}
            </div>
          </td>
          <td className={`${td} max-w-xl text-xs`} data-testid="task-problem">
            {t.problem ? <span className={t.desiredState === 'running' ? 'text-amber-700 dark:text-amber-400' : ''}>{t.problem}</span> : <Muted>—</Muted>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
