'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QueryTable } from '@/components/ui/query-table';
import { qk } from '@/lib/query-keys';
import { alertsApi, hrefOf, SEVERITY_TONE } from './alerts-api';

/** Settings › Alerts: the last 200 alerts, firing and resolved, of hosts the user may see; firing ones can be resolved by hand. */
export function HistorySection() {
  const q = useQuery({ queryKey: qk.alertHistory, queryFn: alertsApi.history });
  const client = useQueryClient();
  const resolve = useMutation({
    mutationFn: alertsApi.resolve,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: qk.alertHistory });
      void client.invalidateQueries({ queryKey: qk.alertsFiring });
    },
  });
  const rows = q.data ?? [];
  return (
    <Card title="Alert history">
      <QueryTable
        error={q.error ?? resolve.error}
        pending={q.isPending}
        count={rows.length}
        loading="Loading alerts…"
        empty="No alerts yet."
        columns={['State', 'About', 'What happened', 'Rule', 'Last seen']}
        label="Alert history"
        testId="alert-history"
      >
        {rows.map((a) => {
          const href = hrefOf(a);
          return (
            <tr key={a.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-1.5 pr-3">
                {a.state === 'firing' ? (
                  <Badge tone={a.silenced ? 'grey' : SEVERITY_TONE[a.severity]}>{a.silenced ? 'silenced' : 'firing'}</Badge>
                ) : (
                  <Badge tone="green">resolved</Badge>
                )}
              </td>
              <td className="py-1.5 pr-3">
                {href ? (
                  <Link href={href} className="underline">
                    {a.subject.name}
                  </Link>
                ) : (
                  a.subject.name
                )}
                {a.hostName ? <span className="block text-xs text-zinc-500">{a.hostName}</span> : null}
              </td>
              <td className="py-1.5 pr-3">
                {a.summary}
                {a.count > 1 ? <span className="text-xs text-zinc-500"> · {a.count} times</span> : null}
              </td>
              <td className="py-1.5 pr-3 text-xs">{a.ruleName}</td>
              <td className="py-1.5 pr-3 text-xs whitespace-nowrap">{new Date(a.lastAt).toLocaleString()}</td>
              <td className="py-1.5 text-right">
                {a.state === 'firing' ? (
                  <Button size="sm" variant="ghost" pending={resolve.isPending && resolve.variables === a.id} onClick={() => resolve.mutate(a.id)}>
                    Resolve
                  </Button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </QueryTable>
    </Card>
  );
}
