'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { QueryTable } from '@/components/ui/query-table';
import { describeGrant, hostLabel, subjectKindLabel } from '@/lib/access-format';
import { ApiError } from '@/lib/api-client';
import type { GrantView, RoleName } from '@/lib/auth-types';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { accessApi, retryUnlessRefused } from './api';

// the form (zod, react-hook-form) is fetched when its dialog first opens
const GrantDialog = lazyDialog(
  () => import('./grant-dialog').then((m) => m.GrantDialog),
  (p) => p.open,
);

export const ROLE_TONE: Record<RoleName, Tone> = { admin: 'violet', operator: 'blue', viewer: 'grey' };

type Open = { kind: 'add' } | { kind: 'remove'; grant: GrantView } | null;

/** Settings → Access: who holds which role on which host (admins only; the API refuses everyone else). */
export function GrantsSection() {
  const client = useQueryClient();
  const grants = useQuery({ queryKey: qk.grants, queryFn: accessApi.grants, retry: retryUnlessRefused });
  const hosts = useHosts();
  const names = useMemo(() => new Map((hosts.data ?? []).map((h) => [h.id, h.name])), [hosts.data]);
  const [open, setOpen] = useState<Open>(null);
  const refused = grants.error instanceof ApiError && grants.error.status === 403;
  const rows = grants.data ?? [];
  const removing = open?.kind === 'remove' ? open.grant : null;
  return (
    <div id="access" className="scroll-mt-4">
      <Card
        title="Access"
        actions={
          refused ? null : (
            <Button size="sm" onClick={() => setOpen({ kind: 'add' })}>
              <Plus aria-hidden />
              Add grant
            </Button>
          )
        }
      >
        <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
          Roles per host: viewer reads, operator also runs lifecycle actions, logs, exec and deploys (within policy), admin does everything. A grant on all
          hosts also covers hosts added later.
        </p>
        {refused ? (
          <EmptyState>Only admins can see and change grants. {grants.error?.message}</EmptyState>
        ) : (
          <QueryTable
            error={grants.error}
            pending={grants.isPending}
            count={rows.length}
            loading="Loading grants…"
            empty="No grants yet."
            columns={['Who', 'Host', 'Role']}
            label="Grants"
            testId="grants-table"
          >
            {rows.map((g) => (
              <tr key={g.id} data-testid="grant-row" data-subject={g.subjectLabel} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-1.5 pr-3">
                  <span className="font-medium">{g.subjectLabel}</span> <span className="text-xs text-zinc-500">{subjectKindLabel(g.subjectKind)}</span>
                </td>
                <td className="py-1.5 pr-3">{hostLabel(g.hostId, names)}</td>
                <td className="py-1.5 pr-3">
                  <Badge tone={ROLE_TONE[g.role]}>{g.role}</Badge>
                </td>
                <td className="py-1.5 text-right">
                  <Button
                    size="icon"
                    variant="ghost"
                    aria-label={`Remove grant of ${g.subjectLabel}`}
                    title="Remove grant"
                    onClick={() => setOpen({ kind: 'remove', grant: g })}
                    className="hover:text-red-600 dark:hover:text-red-400"
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </td>
              </tr>
            ))}
          </QueryTable>
        )}
      </Card>
      <GrantDialog open={open?.kind === 'add'} onClose={() => setOpen(null)} />
      <ConfirmDialog
        open={Boolean(removing)}
        onClose={() => setOpen(null)}
        title={`Remove grant of ${removing?.subjectLabel ?? ''}?`}
        description={
          removing
            ? `${subjectKindLabel(removing.subjectKind)} ${removing.subjectLabel} loses ${describeGrant(removing, names)} at once (other grants they hold stay).`
            : undefined
        }
        confirmLabel="Remove grant"
        run={async () => {
          await accessApi.removeGrant(removing!.id);
          return { message: `Removed ${describeGrant(removing!, names)} from ${removing!.subjectLabel}` };
        }}
        onDone={() => {
          void client.invalidateQueries({ queryKey: qk.grants });
          void client.invalidateQueries({ queryKey: qk.users });
        }}
      />
    </div>
  );
}
