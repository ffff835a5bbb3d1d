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
              <Badge key="t" tone="grey">{m.type}</Badge>,
              <Mono key="s">{m.type === 'volume' && m.name ? m.name : m.source}</Mono>,
              <Mono key="d">{m.destination}</Mono>,
              <span key="m" className="whitespace-nowrap">{m.rw ? 'read-write' : 'read-only'}{m.mode ? <Muted> · {m.mode}</Muted> : null}</span>,
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

export function NetworksCard({ networks }: { networks: ContainerDetail['networks'] }) {
  return (
    <Card title={`Networks (${networks.length})`}>
      {networks.length === 0 ? (
        <EmptyState>Not attached to any network.</EmptyState>
      ) : (
        <SimpleTable
          testId="networks"
          head={['Network', 'IP address', 'Gateway', 'MAC', 'Aliases']}
          rows={networks.map((n) => ({
            key: n.name,
            cells: [
              <span key="n" className="font-medium">{n.name}</span>,
              <Mono key="i">{n.ipAddress || '—'}</Mono>,
              <Mono key="g">{n.gateway || '—'}</Mono>,
              <Mono key="m">{n.macAddress || '—'}</Mono>,
              <span key="a">{n.aliases.length ? n.aliases.join(', ') : <Muted>—</Muted>}</span>,
            ],
          }))}
        />
      )}
    </Card>
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
          rows={entries.map(([k, v]) => ({ key: k, cells: [<Mono key="k">{k}</Mono>, <Mono key="v" className="text-zinc-600 dark:text-zinc-400">{v}</Mono>] }))}
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
