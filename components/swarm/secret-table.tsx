'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable, Labels, td, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { formatDateTime } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import type { SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import type { SwarmSecret } from '@/lib/swarm-types';
import { ConfigValueDialog } from './config-value-dialog';
import { SecretDialog } from './secret-dialog';
import { secretsApi } from './secrets-api';

const POLL_MS = 30_000;
const TITLE: Record<SwarmObjectKind, string> = { secret: 'Secrets', config: 'Configs' };

/**
 * One section of the Swarm page: the swarm's secrets or configs, with the services using each (as which file), a
 * New dialog and Remove with a confirmation. A used one cannot be removed: the button says which services hold it.
 */
export function SecretTable({ hostId, kind, canChange }: { hostId: string; kind: SwarmObjectKind; canChange: boolean }) {
  const client = useQueryClient();
  const key = kind === 'secret' ? qk.swarmSecrets(hostId) : qk.swarmConfigs(hostId);
  const items = useQuery({ queryKey: key, queryFn: () => secretsApi.list(hostId, kind), refetchInterval: POLL_MS });
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmSecret | null>(null);
  const [viewing, setViewing] = useState<SwarmSecret | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const list = items.data ?? [];
  const head = ['Name', 'Used by', 'Labels', 'Created', ...(canChange ? ['Actions'] : [])];
  return (
    <section className="flex flex-col gap-2" aria-labelledby={`${kind}s-heading`} data-testid={`swarm-${kind}s`}>
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${kind}s-heading`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {TITLE[kind]}
          {items.data ? <span className="ml-1.5 font-normal text-zinc-500">{list.length}</span> : null}
        </h2>
        {canChange ? (
          <Button variant="primary" size="sm" onClick={() => setCreating(true)} data-testid={`new-${kind}`}>
            <Plus aria-hidden />
            New {kind}
          </Button>
        ) : null}
      </div>
      {items.error ? <Alert tone="error">{items.error.message}</Alert> : null}
      <DataTable
        head={head}
        testId={`${kind}-table`}
        label={`Swarm ${kind}s`}
        minWidth="min-w-[720px]"
        empty={items.data && !list.length ? `No ${kind}s.` : undefined}
      >
        {list.map((s) => (
          <tr key={s.id} data-testid={`${kind}-row`} data-name={s.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <td className={`${td} font-medium`}>
              {kind === 'config' ? (
                <button type="button" className="text-left hover:underline" onClick={() => setViewing(s)} title="Show its value">
                  {s.name}
                </button>
              ) : (
                s.name
              )}
              <div className="font-mono text-[11px] font-normal text-zinc-400">{s.id.slice(0, 12)}</div>
            </td>
            <td className={td} data-testid={`${kind}-used-by`}>
              {s.usedBy.length ? (
                <ul className="flex flex-col gap-0.5 text-xs">
                  {s.usedBy.map((u) => (
                    <li key={u.serviceId}>
                      {u.serviceName} <span className="font-mono text-zinc-500">{u.target}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <Muted>no service</Muted>
              )}
            </td>
            <td className={td}>
              <Labels labels={s.labels} />
            </td>
            <td className={tdMuted}>{formatDateTime(s.createdAt)}</td>
            {canChange ? (
              <td className="px-3 py-1.5 text-right">
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Remove ${kind} ${s.name}`}
                  disabled={s.usedBy.length > 0}
                  title={s.usedBy.length ? `Used by ${s.usedBy.map((u) => u.serviceName).join(', ')}: detach it first` : undefined}
                  onClick={() => setRemoving(s)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {kind === 'config' ? <ConfigValueDialog hostId={hostId} config={viewing} onClose={() => setViewing(null)} /> : null}
      <SecretDialog hostId={hostId} kind={kind} open={creating} onClose={() => setCreating(false)} onDone={refresh} />
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setRemoving(null)}
        title={`Remove ${kind} ${removing?.name ?? ''}?`}
        confirmLabel={`Remove ${kind}`}
        run={() => secretsApi.remove(hostId, kind, removing!.id)}
        onDone={refresh}
      >
        <p>{kind === 'secret' ? 'Its value is gone for good: Docker keeps no copy, and Berth never had one.' : 'Services can no longer be given it.'}</p>
      </ConfirmDialog>
    </section>
  );
}
