'use client';

import { useCallback, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { LogBuffer } from '@/lib/log-buffer';
import { LogList } from './log-list';
import { LogsToolbar, type ViewOptions } from './logs-toolbar';
import { type LogParams, logsUrl, useLogStream } from './use-log-stream';

const SEARCH_DEBOUNCE_MS = 120;

/**
 * A container's logs (or, with `base`, another log route of the same shape: a swarm service's): live or up to a time,
 * searchable, with stdout and stderr told apart. Lines live in a ring
 * buffer outside React (lib/log-buffer.ts); React renders only the rows on screen, once per animation frame.
 */
export function LogsViewer({ hostId, cid, base }: { hostId: string; cid: string; base?: string }) {
  const [buffer] = useState(() => new LogBuffer());
  const [version, setVersion] = useState(0);
  const [params, setParams] = useState<LogParams>({ follow: true, tail: '1000', since: '', until: '' });
  const [reloads, setReloads] = useState(0);
  const [view, setView] = useState<ViewOptions>({ search: '', onlyMatching: false, timestamps: false, wrap: false });
  const [query, setQuery] = useState('');

  const onFrame = useCallback(() => setVersion(buffer.version), [buffer]);
  const stream = useLogStream(hostId, cid, params, reloads, buffer, onFrame, view.wrap, base);

  useEffect(() => {
    const t = setTimeout(() => setQuery(view.search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [view.search]);
  useEffect(() => {
    buffer.setQuery(query);
    buffer.setFiltering(view.onlyMatching && query !== '');
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the buffer is a mutable store outside React; its version re-renders the rows
    setVersion(buffer.version);
  }, [buffer, query, view.onlyMatching]);

  const onParams = useCallback((p: Partial<LogParams>) => setParams((old) => ({ ...old, ...p })), []);
  const onView = useCallback((v: Partial<ViewOptions>) => setView((old) => ({ ...old, ...v })), []);
  const onReload = useCallback(() => setReloads((n) => n + 1), []);

  const total = buffer.length;
  const following = params.follow && stream.status === 'streaming';
  return (
    <section
      data-testid="logs-viewer"
      data-status={stream.status}
      data-lines={total}
      aria-label="Logs"
      className="flex h-[70vh] min-h-80 flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <LogsToolbar
        params={params}
        onParams={onParams}
        view={view}
        onView={onView}
        matches={query ? buffer.matchCount : null}
        downloadUrl={logsUrl(hostId, cid, params, { download: '1', timestamps: view.timestamps ? '1' : '0' }, base)}
        onReload={onReload}
      />
      {stream.status === 'error' ? (
        <Alert tone="error" role="alert" className="m-2" testId="logs-error">
          {stream.reason}
        </Alert>
      ) : null}
      <LogList
        key={view.wrap ? 'wrap' : 'nowrap'}
        buffer={buffer}
        version={version}
        query={query}
        showTs={view.timestamps}
        wrap={view.wrap}
        empty={stream.status === 'connecting' ? 'Loading logs…' : buffer.filtering ? 'No line matches the search.' : 'No log lines.'}
      />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-200 px-3 py-1.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {stream.status === 'connecting' ? <Spinner className="size-3.5" /> : null}
        {following ? (
          <span className="inline-flex items-center gap-1.5" data-testid="logs-following">
            <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
            Following live
          </span>
        ) : null}
        <span className="tabular-nums">
          {total.toLocaleString()} {total === 1 ? 'line' : 'lines'}
        </span>
        {stream.tty !== null ? <Badge tone="grey">{stream.tty ? 'TTY' : 'stdout + stderr'}</Badge> : null}
        {buffer.dropped > 0 ? (
          <span data-testid="logs-dropped" className="text-amber-600 dark:text-amber-400">
            {buffer.dropped.toLocaleString()} older lines dropped (the viewer keeps the newest {buffer.capacity.toLocaleString()})
          </span>
        ) : null}
        {stream.status === 'ended' && (params.follow || stream.reason !== 'end of log') ? (
          <span role="status" data-testid="logs-end" className="font-medium text-zinc-700 dark:text-zinc-300">
            Stream ended: {stream.reason}
          </span>
        ) : null}
      </div>
    </section>
  );
}
