import { formatBytes } from '@/lib/format';
import { formatPercent } from '@/lib/stats-series';
import type { StatsSample } from '@/lib/stats-types';
import type { ContainerState } from '@/lib/types';

const none = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

/** CPU % cell of the container list; "…" while the first readings of a running container are on their way. */
export function CpuCell({ state, s }: { state: ContainerState; s: StatsSample | null | undefined }) {
  return (
    <div role="cell" data-testid="cell-cpu" className="truncate text-right font-mono text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
      {state !== 'running' ? none : s?.cpu != null ? formatPercent(s.cpu) : <span className="text-zinc-400">…</span>}
    </div>
  );
}

/** Memory cell: used (without inactive file cache), with the share of the limit on hover. */
export function MemCell({ state, s }: { state: ContainerState; s: StatsSample | null | undefined }) {
  return (
    <div
      role="cell"
      data-testid="cell-mem"
      title={s ? `${formatBytes(s.memUsed)} of ${formatBytes(s.memLimit)} (${formatPercent(s.memPercent)})` : undefined}
      className="truncate text-right font-mono text-xs tabular-nums text-zinc-600 dark:text-zinc-400"
    >
      {state !== 'running' ? none : s ? formatBytes(s.memUsed) : <span className="text-zinc-400">…</span>}
    </div>
  );
}
