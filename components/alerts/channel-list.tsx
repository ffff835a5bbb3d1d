'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { accessApi } from '@/components/access/api';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { QueryTable } from '@/components/ui/query-table';
import type { AlertChannelView, ChannelTestResult } from '@/lib/alert-channel-types';
import { qk } from '@/lib/query-keys';
import { channelsApi } from './channel-api';
import { ChannelDeliveries, DeliveryStatusBadge } from './channel-deliveries';

// the form (zod) is fetched when its dialog first opens
const ChannelForm = lazyDialog(() => import('./channel-form').then((m) => m.ChannelForm));

type Open = { kind: 'add' } | { kind: 'edit' | 'remove' | 'deliveries'; channel: AlertChannelView } | null;

/** Settings › Alert channels (admins): where alerts go, Send test with its result, and each channel's deliveries. */
export function ChannelList() {
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const isAdmin = me.data?.account.isAdmin === true;
  const q = useQuery({ queryKey: qk.alertChannels, queryFn: channelsApi.list, enabled: isAdmin });
  const client = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [result, setResult] = useState<{ name: string; r: ChannelTestResult } | null>(null);
  const test = useMutation({
    mutationFn: (c: AlertChannelView) => channelsApi.test(c.id).then((r) => ({ name: c.name, r })),
    onSuccess: (res) => {
      setResult(res);
      void client.invalidateQueries({ queryKey: qk.alertDeliveries(res.r.delivery.channelId) });
    },
  });
  if (me.data && !isAdmin) return <Alert tone="info">Alert channels are set by admins.</Alert>;
  const rows = q.data ?? [];
  return (
    <>
      <Card
        title="Alert channels"
        actions={
          <Button size="sm" onClick={() => setOpen({ kind: 'add' })}>
            <Plus aria-hidden />
            Add channel
          </Button>
        }
      >
        <QueryTable
          error={q.error}
          pending={q.isPending || me.isPending}
          count={rows.length}
          loading="Loading alert channels…"
          empty="No alert channels yet. Add a webhook, Slack, Discord, ntfy or email channel, then pick it in an alert rule."
          columns={['Name', 'Kind', 'Sends to', 'Secrets', 'State']}
          label="Alert channels"
          testId="alert-channels"
        >
          {rows.map((c) => (
            <tr key={c.id} data-testid="channel-row" className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-3 font-medium">{c.name}</td>
              <td className="py-1.5 pr-3">{c.kind}</td>
              <td className="max-w-56 truncate py-1.5 pr-3 font-mono text-xs" title={c.target}>
                {c.target}
              </td>
              <td className="py-1.5 pr-3 text-xs">
                {Object.entries(c.secretsSet)
                  .map(([k, set]) => `${k}: ${set ? 'set' : 'none'}`)
                  .join(', ') || '—'}
              </td>
              <td className="py-1.5 pr-3">{c.enabled ? <Badge tone="green">on</Badge> : <Badge tone="grey">off</Badge>}</td>
              <td className="py-1.5 text-right whitespace-nowrap">
                <Button
                  size="sm"
                  variant="ghost"
                  pending={test.isPending && test.variables?.id === c.id}
                  onClick={() => test.mutate(c)}
                  aria-label={`Send test to ${c.name}`}
                >
                  Send test
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'deliveries', channel: c })} aria-label={`Deliveries to ${c.name}`}>
                  Deliveries
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'edit', channel: c })} aria-label={`Edit ${c.name}`}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'remove', channel: c })} aria-label={`Remove ${c.name}`}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </QueryTable>
        {result ? (
          <Alert tone={result.r.ok ? 'info' : 'error'} role="status" className="mt-3" testId="channel-test-result">
            <span className="font-medium">Test to {result.name}:</span> <DeliveryStatusBadge status={result.r.delivery.status} /> {result.r.message}
          </Alert>
        ) : null}
        {test.error ? (
          <Alert tone="error" role="alert" className="mt-3">
            {test.error.message}
          </Alert>
        ) : null}
      </Card>
      {open?.kind === 'add' ? <ChannelForm onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <ChannelForm channel={open.channel} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'deliveries' ? <ChannelDeliveries channel={open.channel} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? (
        <ConfirmDialog
          open
          title={`Remove alert channel ${open.channel.name}?`}
          description="Its stored secrets and delivery log are deleted; rules that send to it stop sending there."
          confirmLabel="Remove"
          run={() => channelsApi.remove(open.channel.id)}
          onDone={() => void client.invalidateQueries({ queryKey: qk.alertChannels })}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
