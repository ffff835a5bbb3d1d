import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { Mono, Muted, SimpleTable } from '@/components/ui/kv';
import { formatDateTime, formatPort } from '@/lib/format';
import type { ContainerDetail } from '@/lib/types';

export function MountsCard({ mounts }: { mounts: ContainerDetail['mounts'] }) {
  return (
    <Card title={`Mounts (${mounts.length})`}>
      {mounts.length === 0 ? (
        <EmptyState>No mounts.</EmptyState>
      ) : (
        <SimpleTable
          testId="mounts"
          head={['Type', 'Source', 'Destination', 'Mode']}
          rows={mounts.map((m) => ({
            key: m.destination,
            cells: [
              <Badge key="t" tone="grey">
                {m.type}
              </Badge>,
              <Mono key="s">{m.type === 'volume' && m.name ? m.name : m.source}</Mono>,
              <Mono key="d">{m.destination}</Mono>,
              <span key="m" className="whitespace-nowrap">
                {m.rw ? 'read-write' : 'read-only'}
                {m.mode ? <Muted> · {m.mode}</Muted> : null}
              </span>,
            ],
          }))}
        />
      )}
    </Card>
  );
}

export function PortsCard({ ports }: { ports: ContainerDetail['ports'] }) {
  return (
    <Card title={`Ports (${ports.length})`}>
      {ports.length === 0 ? (
        <EmptyState>No exposed ports.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-1">
          {ports.map((p) => (
            <li key={formatPort(p)}>
              <Mono>{formatPort(p)}</Mono>
              {p.publicPort ? null : <Muted> · exposed, not published</Muted>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * One block per network rather than a five-column table: in the half-width column of the detail page (and on a
 * phone) a table squeezed its cells until names broke mid-word ("wp_defaul t"). Names, addresses and each alias never
 * break inside; a long network name is cut with an ellipsis and shown whole on hover.
 */
export function NetworksCard({ networks }: { networks: ContainerDetail['networks'] }) {
  return (
    <Card title={`Networks (${networks.length})`}>
      {networks.length === 0 ? (
        <EmptyState>Not attached to any network.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="networks">
          {networks.map((n) => (
            <li key={n.name} className="flex min-w-0 flex-col gap-1">
              <span className="truncate text-sm font-medium whitespace-nowrap" title={n.name} data-testid="network-name">
                {n.name}
              </span>
              <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
                <NetField label="IP address">{n.ipAddress}</NetField>
                <NetField label="Gateway">{n.gateway}</NetField>
                <NetField label="MAC">{n.macAddress}</NetField>
                <NetField label="Aliases">{n.aliases.length ? n.aliases.join(', ') : ''}</NetField>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function NetField({ label, children }: { label: string; children: string }) {
  return (
    <div className="flex min-w-0 items-baseline gap-1.5">
      <dt className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      {/* aliases wrap after a comma; a single token breaks only if it cannot fit a line of its own */}
      <dd className="min-w-0">{children ? <Mono className="break-words">{children}</Mono> : <Muted>—</Muted>}</dd>
    </div>
  );
}

export function LabelsCard({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card title={`Labels (${entries.length})`}>
      {entries.length === 0 ? (
        <EmptyState>No labels.</EmptyState>
      ) : (
        <SimpleTable
          testId="labels"
          head={['Key', 'Value']}
          rows={entries.map(([k, v]) => ({
            key: k,
            cells: [
              <Mono key="k">{k}</Mono>,
              <Mono key="v" className="text-zinc-600 dark:text-zinc-400">
                {v}
              </Mono>,
            ],
          }))}
        />
      )}
    </Card>
  );
}

export function HealthLogCard({ log }: { log: ContainerDetail['healthLog'] }) {
  if (log.length === 0) return null;
  return (
    <Card title={`Health log (${log.length})`}>
      <ol className="flex flex-col gap-2">
        {[...log].reverse().map((l) => (
          <li key={l.start} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            <div className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
              <Badge tone={l.exitCode === 0 ? 'green' : 'red'}>exit {l.exitCode}</Badge>
              {formatDateTime(l.start)}
            </div>
            {l.output.trim() ? <pre className="mt-1.5 overflow-x-auto font-mono text-xs whitespace-pre-wrap">{l.output.trim()}</pre> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
