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
import { api } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import { type AlertRuleView, KIND_LABELS } from '@/lib/schemas/alerts';
import { alertsApi, SEVERITY_TONE } from './alerts-api';

const RuleForm = lazyDialog(() => import('./rule-form').then((m) => m.RuleForm));

type Open = { kind: 'add' } | { kind: 'edit' | 'remove'; rule: AlertRuleView } | null;

/** Settings › Alerts: the rules (admins). */
export function RulesSection() {
  const q = useQuery({ queryKey: qk.alertRules, queryFn: alertsApi.rules });
  const hosts = useQuery({ queryKey: qk.hosts, queryFn: api.listHosts });
  const client = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const hostName = (id: string | null) => (id ? (hosts.data?.find((h) => h.id === id)?.name ?? id) : 'all hosts');
  const rows = q.data ?? [];
  return (
    <>
      <Card
        title="Alert rules"
        actions={
          <Button size="sm" onClick={() => setOpen({ kind: 'add' })}>
            <Plus aria-hidden />
            Add rule
          </Button>
        }
      >
        <QueryTable
          error={q.error}
          pending={q.isPending}
          count={rows.length}
          loading="Loading alert rules…"
          empty="No alert rules yet. Add one: a container that dies, a host that goes offline, a failed deploy…"
          columns={['Name', 'Alert when', 'Where', 'Severity', 'State']}
          label="Alert rules"
          testId="alert-rules"
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid="rule-row" className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-3 font-medium">{r.name}</td>
              <td className="py-1.5 pr-3">{KIND_LABELS[r.kind]}</td>
              <td className="py-1.5 pr-3 text-xs">
                {[hostName(r.hostId), r.stack ? `stack ${r.stack}` : null, r.label ? `label ${r.label}` : null].filter(Boolean).join(', ')}
              </td>
              <td className="py-1.5 pr-3">
                <Badge tone={SEVERITY_TONE[r.severity]}>{r.severity}</Badge>
              </td>
              <td className="py-1.5 pr-3">{r.enabled ? <Badge tone="green">on</Badge> : <Badge tone="grey">off</Badge>}</td>
              <td className="py-1.5 text-right whitespace-nowrap">
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'edit', rule: r })} aria-label={`Edit ${r.name}`}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: 'remove', rule: r })} aria-label={`Delete ${r.name}`}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </QueryTable>
      </Card>
      {open?.kind === 'add' ? <RuleForm onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <RuleForm rule={open.rule} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? (
        <ConfirmDialog
          open
          title={`Delete alert rule ${open.rule.name}?`}
          description="Its open alerts are resolved; the history stays."
          confirmLabel="Delete"
          run={() => alertsApi.removeRule(open.rule.id)}
          onDone={() => void client.invalidateQueries({ queryKey: qk.alertRules })}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
