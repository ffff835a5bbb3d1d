'use client';

import { useQuery } from '@tanstack/react-query';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { QueryTable } from '@/components/ui/query-table';
import type { AlertChannelView, DeliveryStatus } from '@/lib/alert-channel-types';
import { qk } from '@/lib/query-keys';
import { channelsApi } from './channel-api';

const TONE: Record<DeliveryStatus, Tone> = { delivered: 'green', retrying: 'amber', failed: 'red' };

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={TONE[status] ?? 'grey'}>{status}</Badge>;
}

/** A channel's recent delivery attempts, newest first: what the receiver answered, or why it failed. */
export function ChannelDeliveries({ channel, onClose }: { channel: AlertChannelView; onClose: () => void }) {
  const q = useQuery({ queryKey: qk.alertDeliveries(channel.id), queryFn: () => channelsApi.deliveries(channel.id), refetchInterval: 5_000 });
  const rows = q.data ?? [];
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Deliveries to ${channel.name}`}
      description="The last 50 attempts; failed ones are retried after 1 s, 5 s, 30 s and 2 min."
      className="max-w-3xl"
    >
      <QueryTable
        error={q.error}
        pending={q.isPending}
        count={rows.length}
        loading="Loading deliveries…"
        empty="Nothing sent yet. Send test sends one now."
        columns={['When', 'Alert', 'Attempt', 'Status', 'Result']}
        label={`Deliveries to ${channel.name}`}
        testId="channel-deliveries"
      >
        {rows.map((d) => (
          <tr key={d.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
            <td className="py-1.5 pr-3 text-xs whitespace-nowrap">{new Date(d.at).toLocaleString()}</td>
            <td className="py-1.5 pr-3 text-xs">
              <span className="font-medium">{d.change}</span> {d.summary}
            </td>
            <td className="py-1.5 pr-3 text-xs">{d.attempt}</td>
            <td className="py-1.5 pr-3">
              <DeliveryStatusBadge status={d.status} />
            </td>
            <td className="py-1.5 text-xs">{d.error ?? d.response ?? ''}</td>
          </tr>
        ))}
      </QueryTable>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
