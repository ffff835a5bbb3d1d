'use client';

import { useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { type ChartSeries, TimeChart } from '@/components/ui/time-chart';
import { formatBytes } from '@/lib/format';
import { formatPercent } from '@/lib/stats-series';
import { errorText, readSse } from '@/lib/stats-sse';
import type { HostStatsTotals } from '@/lib/stats-types';

/** The server's rhythm for host totals (server/stats/service.ts POLL_MS). */
const INTERVAL_MS = 3000;
/** Totals kept in the page for the charts: an hour at the server's rhythm. */
const KEEP = 1200;
const RETRY_MS = 3000;
const CPU: ChartSeries[] = [{ label: 'CPU', color: '#2563eb' }];
const MEM: ChartSeries[] = [{ label: 'Memory used', color: '#7c3aed' }];

function useHostTotals(hostId: string): { totals: HostStatsTotals[]; error: string | null } {
  const [state, setState] = useState<{ totals: HostStatsTotals[]; error: string | null }>({ totals: [], error: null });
  useEffect(() => {
    const ctl = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        const res = await fetch(`/api/v1/hosts/${encodeURIComponent(hostId)}/stats`, { signal: ctl.signal, headers: { accept: 'text/event-stream' } });
        if (!res.ok) {
          const error = await errorText(res);
          return setState((s) => ({ ...s, error }));
        }
        // The server first replays what it kept (up to an hour), then live totals. After a reconnect the replay
        // repeats totals the page already has: only newer ones are added.
        await readSse<HostStatsTotals>(res, (t) =>
          setState((s) => {
            const last = s.totals.at(-1);
            if (last && t.t <= last.t) return s.error ? { ...s, error: null } : s;
            return { totals: [...s.totals.slice(-(KEEP - 1)), t], error: null };
          }),
        );
      } catch {
        if (ctl.signal.aborted) return;
        setState((s) => ({ ...s, error: 'The connection to Berth dropped; reconnecting…' }));
      }
      if (!ctl.signal.aborted) retry = setTimeout(connect, RETRY_MS);
    };
    void connect();
    return () => {
      ctl.abort();
      clearTimeout(retry);
    };
  }, [hostId]);
  return state;
}

/** Totals across the host's running containers: CPU, memory, network and block I/O, refreshed every few seconds. */
export function HostStats({ hostId, cpus, memTotal }: { hostId: string; cpus?: number; memTotal?: number }) {
  const { totals, error } = useHostTotals(hostId);
  const last = totals.at(-1);
  const data = useMemo(() => {
    const x = totals.map((t) => t.t / 1000);
    return { cpu: [x, totals.map((t) => t.cpu)] as [number[], number[]], mem: [x, totals.map((t) => t.memUsed)] as [number[], number[]] };
  }, [totals]);
  return (
    <Card title="Containers' resource use" bodyClassName="flex flex-col gap-4">
      <div data-testid="host-stats" data-running={last?.running ?? ''} className="flex flex-col gap-4">
        {error ? (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
          <Figure
            label="CPU (all running containers)"
            value={last ? formatPercent(last.cpu) : '—'}
            sub={cpus ? `of ${cpus * 100}%` : undefined}
            testId="host-stats-cpu"
          />
          <Figure
            label="Memory used"
            value={last ? formatBytes(last.memUsed) : '—'}
            sub={memTotal ? `of ${formatBytes(memTotal)}` : undefined}
            testId="host-stats-mem"
          />
          <Figure label="Network rx / tx" value={last ? `${formatBytes(last.netRx)} / ${formatBytes(last.netTx)}` : '—'} />
          <Figure label="Block read / write" value={last ? `${formatBytes(last.blkRead)} / ${formatBytes(last.blkWrite)}` : '—'} />
        </dl>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {last
            ? `${last.running} running container${last.running === 1 ? '' : 's'}, ${last.pids} processes. Network and block figures are totals since each container started.`
            : 'Reading figures…'}
        </p>
        {totals.length > 1 ? (
          <div className="grid gap-4 lg:grid-cols-2">
            <TimeChart
              intervalMs={INTERVAL_MS}
              label="Host CPU % over time"
              testId="host-chart-cpu"
              data={data.cpu}
              series={CPU}
              format={(v) => formatPercent(v)}
              height={140}
            />
            <TimeChart
              intervalMs={INTERVAL_MS}
              label="Host memory used over time"
              testId="host-chart-mem"
              data={data.mem}
              series={MEM}
              format={(v) => formatBytes(v)}
              height={140}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function Figure({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono tabular-nums" data-testid={testId}>
        {value}
        {sub ? <span className="ml-1.5 text-xs text-zinc-500">{sub}</span> : null}
      </dd>
    </div>
  );
}
