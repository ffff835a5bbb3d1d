'use client';

import { HealthBadge, StateBadge } from '@/components/containers/state-badge';
import { Card } from '@/components/ui/card';
import { KeyValues, Mono, Muted } from '@/components/ui/kv';
import { useNow } from '@/components/ui/use-now';
import { formatCommand, formatDateTime, formatRelative, shortId } from '@/lib/format';
import type { ContainerDetail } from '@/lib/types';

function When({ at, now }: { at: string | null; now: number }) {
  if (!at) return <Muted>—</Muted>;
  return (
    <span title={formatDateTime(at)}>
      {formatRelative(at, now)} <Muted>· {formatDateTime(at)}</Muted>
    </span>
  );
}

export function SummaryCard({ c }: { c: ContainerDetail }) {
  const now = useNow();
  const command = formatCommand([...c.entrypoint, ...c.cmd]);
  const policy =
    c.restartPolicy.name === 'on-failure' && c.restartPolicy.maximumRetryCount
      ? `on-failure (max ${c.restartPolicy.maximumRetryCount} retries)`
      : c.restartPolicy.name || 'no';
  return (
    <Card title="Summary">
      <div className="grid gap-x-8 gap-y-1.5 lg:grid-cols-2">
        <KeyValues
          items={[
            ['Image', <Mono key="i">{c.image}</Mono>],
            [
              'Image ID',
              <Mono key="d" className="text-zinc-500">
                {shortId(c.imageId)}
              </Mono>,
            ],
            [
              'State',
              <span key="s" className="inline-flex gap-1.5">
                <StateBadge state={c.state} />
              </span>,
            ],
            ['Status', c.status || null],
            ['Health', c.health ? <HealthBadge key="h" health={c.health} /> : null],
            ['Exit code', c.state === 'running' || c.exitCode === null ? null : <Mono key="e">{c.exitCode}</Mono>],
            [
              'Error',
              c.error ? (
                <span key="x" className="text-red-600 dark:text-red-400">
                  {c.error}
                </span>
              ) : null,
            ],
            ['Restart count', String(c.restartCount)],
            ['Restart policy', policy],
          ]}
        />
        <KeyValues
          items={[
            ['Created', <When key="c" at={c.created} now={now} />],
            ['Started', <When key="s" at={c.startedAt} now={now} />],
            ['Finished', <When key="f" at={c.finishedAt} now={now} />],
            ['Command', command ? <Mono key="m">{command}</Mono> : null],
            ['Working dir', c.workingDir ? <Mono key="w">{c.workingDir}</Mono> : null],
            ['User', c.user ? <Mono key="u">{c.user}</Mono> : <Muted key="u">default (image)</Muted>],
            ['Hostname', c.hostname ? <Mono key="h">{c.hostname}</Mono> : null],
            ['Compose', c.project ? `${c.project} / ${c.service ?? '—'}` : null],
            [
              'ID',
              <Mono key="id" className="break-all text-zinc-500">
                {c.id}
              </Mono>,
            ],
          ]}
        />
      </div>
    </Card>
  );
}
