'use client';

import { useMemo } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { type ChartSeries, TimeChart } from '@/components/ui/time-chart';
import { formatBytes } from '@/lib/format';
import { formatPercent, toSeries } from '@/lib/stats-series';
import type { StatsEndReason } from '@/lib/stats-types';
import { useContainerStats } from './use-container-stats';

const C = { cpu: '#2563eb', mem: '#7c3aed', limit: '#a1a1aa', rx: '#059669', tx: '#d97706', read: '#0891b2', write: '#db2777', pids: '#4b5563' };
const s = (label: string, color: string, dash = false): ChartSeries => ({ label, color, dash });
const SERIES = {
  cpu: [s('CPU', C.cpu)],
  mem: [s('Used', C.mem), s('Limit', C.limit, true)],
  memOnly: [s('Used', C.mem)],
  net: [s('Received', C.rx), s('Sent', C.tx)],
  blk: [s('Read', C.read), s('Written', C.write)],
  pids: [s('PIDs', C.pids)],
};
const perSecond = (v: number) => `${formatBytes(v)}/s`;

const WHY: Record<StatsEndReason, string> = {
  'container stopped':
    'This container is not running, so there are no live figures. The charts show what Berth kept from when it ran (up to an hour); they continue when it starts again.',
  'container removed': 'This container was removed. The charts show what Berth kept from when it ran.',
  'host removed': 'This host was removed from Berth.',
  'stats stream ended': 'Docker stopped sending figures for this container. Reload the page to try again.',
};

/** The Stats tab: live CPU, memory, network, block I/O and PIDs, a sample a second, with up to an hour kept. */
export function ContainerStats({ hostId, cid }: { hostId: string; cid: string }) {
  const st = useContainerStats(hostId, cid);
  const series = useMemo(() => toSeries(st.samples), [st.samples]);
  const last = st.samples.at(-1);
  const x = series.x;
  // Without a memory limit the Engine reports the host's memory as the limit; drawn, it would flatten the used line.
  const maxUsed = Math.max(0, ...series.memUsed);
  const showLimit = (last?.memLimit ?? 0) > 0 && (last?.memLimit ?? 0) < 10 * maxUsed;

  return (
    <div className="flex flex-col gap-4" data-testid="container-stats" data-status={st.status} data-samples={st.samples.length}>
      {st.status === 'connecting' ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Reading figures…
        </p>
      ) : null}
      {st.error ? (
        <Alert tone="error" role="alert">
          {st.error}
        </Alert>
      ) : null}
      {st.reason ? (
        <Alert tone="warning" role="status" testId="stats-ended">
          {WHY[st.reason]}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 xl:grid-cols-5" data-testid="stats-now">
        <Figure label="CPU" value={formatPercent(last?.cpu)} testId="stats-cpu" />
        <Figure
          label="Memory"
          value={last ? `${formatBytes(last.memUsed)} / ${formatBytes(last.memLimit)}` : '—'}
          sub={last ? formatPercent(last.memPercent) : undefined}
          testId="stats-mem"
        />
        <Figure label="Network rx / tx" value={last ? `${formatBytes(last.netRx)} / ${formatBytes(last.netTx)}` : '—'} />
        <Figure label="Block read / write" value={last ? `${formatBytes(last.blkRead)} / ${formatBytes(last.blkWrite)}` : '—'} />
        <Figure label="PIDs" value={last ? String(last.pids) : '—'} />
      </dl>
      {st.samples.length === 0 && st.status !== 'connecting' ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No figures kept for this container yet.</p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <Card title="CPU %">
            <TimeChart
              intervalMs={1000}
              label="CPU % over time"
              testId="chart-cpu"
              data={[x, series.cpu]}
              series={SERIES.cpu}
              format={(v) => formatPercent(v)}
            />
          </Card>
          <Card title="Memory">
            <TimeChart
              intervalMs={1000}
              label="Memory used over time"
              testId="chart-mem"
              data={showLimit ? [x, series.memUsed, series.memLimit] : [x, series.memUsed]}
              series={showLimit ? SERIES.mem : SERIES.memOnly}
              format={(v) => formatBytes(v)}
            />
          </Card>
          <Card title="Network">
            <TimeChart
              intervalMs={1000}
              label="Network bytes per second"
              testId="chart-net"
              data={[x, series.netRx, series.netTx]}
              series={SERIES.net}
              format={perSecond}
            />
          </Card>
          <Card title="Block I/O">
            <TimeChart
              intervalMs={1000}
              label="Block I/O bytes per second"
              testId="chart-blk"
              data={[x, series.blkRead, series.blkWrite]}
              series={SERIES.blk}
              format={perSecond}
            />
          </Card>
          <Card title="PIDs">
            <TimeChart
              intervalMs={1000}
              label="Processes over time"
              testId="chart-pids"
              data={[x, series.pids]}
              series={SERIES.pids}
              format={(v) => String(Math.round(v))}
            />
          </Card>
        </div>
      )}
    </div>
  );
}

function Figure({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-sm tabular-nums" data-testid={testId}>
        {value}
        {sub ? <span className="ml-1.5 text-xs text-zinc-500">{sub}</span> : null}
      </dd>
    </div>
  );
}
