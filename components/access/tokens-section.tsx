'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { QueryTable } from '@/components/ui/query-table';
import { useNow } from '@/components/ui/use-now';
import type { TokenView } from '@/lib/auth-types';
import { formatDateTime, formatRelative } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import { accessApi, retryUnlessRefused } from './api';

// the form (zod, react-hook-form) is fetched when a dialog first opens
const CreateTokenDialog = lazyDialog(
  () => import('./token-dialogs').then((m) => m.CreateTokenDialog),
  (p) => p.open,
);
const NewTokenDialog = lazyDialog(
  () => import('./token-dialogs').then((m) => m.NewTokenDialog),
  (p) => Boolean(p.created),
);

type Open = { kind: 'create' } | { kind: 'revoke'; token: TokenView } | null;

function When({ at, now, never }: { at: string | null; now: number; never: string }) {
  return <span title={at ? formatDateTime(at) : undefined}>{at ? formatRelative(at, now) : never}</span>;
}

/** Settings → API tokens: the signed-in user's own tokens, for scripts and CI (every user, not only admins). */
export function TokensSection() {
  const client = useQueryClient();
  const now = useNow();
  const tokens = useQuery({ queryKey: qk.tokens, queryFn: accessApi.tokens, retry: retryUnlessRefused });
  const [open, setOpen] = useState<Open>(null);
  const [created, setCreated] = useState<{ token: string; info: TokenView } | null>(null);
  const rows = tokens.data ?? [];
  const revoking = open?.kind === 'revoke' ? open.token : null;
  return (
    <div id="tokens" className="scroll-mt-4">
      <Card
        title="API tokens"
        actions={
          <Button size="sm" onClick={() => setOpen({ kind: 'create' })}>
            <Plus aria-hidden />
            Create token
          </Button>
        }
      >
        <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
          A token acts as you, with your roles, on <code className="font-mono">/api/v1</code>:{' '}
          <code className="font-mono">curl -H &quot;Authorization: Bearer &lt;token&gt;&quot; http://&lt;berth&gt;/api/v1/hosts</code>
        </p>
        <QueryTable
          error={tokens.error}
          pending={tokens.isPending}
          count={rows.length}
          loading="Loading tokens…"
          empty="No tokens yet."
          columns={['Name', 'Token', 'Created', 'Expires', 'Last used']}
          label="API tokens"
          testId="tokens-table"
        >
          {rows.map((t) => {
            const expired = t.expiresAt !== null && Date.parse(t.expiresAt) <= now;
            return (
              <tr key={t.id} data-testid="token-row" data-name={t.name} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-1.5 pr-3 font-medium">
                  {t.name} {t.kind === 'login' ? <Badge tone="grey">sign-in</Badge> : null} {expired ? <Badge tone="red">expired</Badge> : null}
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs">{t.prefix}…</td>
                <td className="py-1.5 pr-3 text-xs text-zinc-500">
                  <When at={t.createdAt} now={now} never="—" />
                </td>
                <td className="py-1.5 pr-3 text-xs text-zinc-500">
                  <When at={t.expiresAt} now={now} never="never" />
                </td>
                <td className="py-1.5 pr-3 text-xs text-zinc-500">
                  <When at={t.lastUsedAt} now={now} never="not yet" />
                </td>
                <td className="py-1.5 text-right">
                  <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'revoke', token: t })} aria-label={`Revoke token ${t.name}`}>
                    Revoke
                  </Button>
                </td>
              </tr>
            );
          })}
        </QueryTable>
      </Card>
      <CreateTokenDialog
        open={open?.kind === 'create'}
        onClose={() => setOpen(null)}
        onCreated={(token, info) => {
          setOpen(null);
          setCreated({ token, info });
        }}
      />
      <NewTokenDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={Boolean(revoking)}
        onClose={() => setOpen(null)}
        title={`Revoke token ${revoking?.name ?? ''}?`}
        description="Scripts using it get 401 from the next request on. This cannot be undone."
        confirmLabel="Revoke token"
        run={async () => {
          await accessApi.revokeToken(revoking!.id);
          return { message: `Revoked token ${revoking!.name}` };
        }}
        onDone={() => client.invalidateQueries({ queryKey: qk.tokens })}
      />
    </div>
  );
}
