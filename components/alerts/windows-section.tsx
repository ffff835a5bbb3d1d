'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, inputClass, selectClass } from '@/components/ui/field';
import { QueryTable } from '@/components/ui/query-table';
import { api } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import { MaintenanceWindowCreateSchema } from '@/lib/schemas/alerts';
import { alertsApi } from './alerts-api';

/** Settings › Alerts: maintenance windows. Alerts inside one are recorded and shown, marked silenced, and not sent. */
export function WindowsSection({ isAdmin }: { isAdmin: boolean }) {
  const q = useQuery({ queryKey: qk.alertWindows, queryFn: alertsApi.windows });
  const hosts = useQuery({ queryKey: qk.hosts, queryFn: api.listHosts });
  const client = useQueryClient();
  const [v, setV] = useState({ hostId: '', stack: '', hours: '2', reason: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: qk.alertWindows });
  const body = () => ({
    hostId: v.hostId || null,
    stack: v.stack || null,
    endsAt: Number(v.hours) > 0 ? new Date(Date.now() + Number(v.hours) * 3_600_000).toISOString() : '',
    reason: v.reason,
  });
  const add = useMutation({
    mutationFn: () => alertsApi.createWindow(MaintenanceWindowCreateSchema.parse(body())),
    onSuccess: () => {
      setV({ ...v, reason: '' });
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => alertsApi.removeWindow(id), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!(Number(v.hours) > 0)) return setProblem('Hours must be a number above 0');
    const r = MaintenanceWindowCreateSchema.safeParse(body());
    if (!r.success) return setProblem(r.error.issues[0].message);
    setProblem(null);
    add.mutate();
  };
  const hostName = (id: string | null) => (id ? (hosts.data?.find((h) => h.id === id)?.name ?? id) : 'all hosts');
  const rows = q.data ?? [];
  return (
    <Card title="Maintenance windows">
      <QueryTable
        error={q.error}
        pending={q.isPending}
        count={rows.length}
        loading="Loading maintenance windows…"
        empty="No maintenance window now or planned."
        columns={['Where', 'From', 'Until', 'Why']}
        label="Maintenance windows"
        testId="alert-windows"
      >
        {rows.map((w) => (
          <tr key={w.id} className="border-t border-zinc-200 dark:border-zinc-800">
            <td className="py-1.5 pr-3">{[hostName(w.hostId), w.stack ? `stack ${w.stack}` : null].filter(Boolean).join(', ')}</td>
            <td className="py-1.5 pr-3 text-xs">{new Date(w.startsAt).toLocaleString()}</td>
            <td className="py-1.5 pr-3 text-xs">{new Date(w.endsAt).toLocaleString()}</td>
            <td className="py-1.5 pr-3">{w.reason}</td>
            <td className="py-1.5 text-right">
              {isAdmin ? (
                <Button size="sm" variant="ghost" pending={remove.isPending && remove.variables === w.id} onClick={() => remove.mutate(w.id)}>
                  End now
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </QueryTable>
      {isAdmin ? (
        <form onSubmit={submit} noValidate className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-5">
          <Field id="window-host" label="Host">
            <select id="window-host" value={v.hostId} onChange={(e) => setV({ ...v, hostId: e.target.value })} className={selectClass}>
              <option value="">All hosts</option>
              {(hosts.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="window-stack" label="Stack">
            <input id="window-stack" value={v.stack} onChange={(e) => setV({ ...v, stack: e.target.value })} className={inputClass} placeholder="any" />
          </Field>
          <Field id="window-hours" label="From now, hours">
            <input id="window-hours" value={v.hours} onChange={(e) => setV({ ...v, hours: e.target.value })} className={inputClass} inputMode="decimal" />
          </Field>
          <Field id="window-reason" label="Why">
            <input
              id="window-reason"
              value={v.reason}
              onChange={(e) => setV({ ...v, reason: e.target.value })}
              className={inputClass}
              placeholder="kernel upgrade"
            />
          </Field>
          <div className="flex items-end">
            <Button type="submit" size="sm" pending={add.isPending}>
              Start window
            </Button>
          </div>
          {problem || add.error ? (
            <Alert tone="error" role="alert" className="col-span-full">
              {problem ?? add.error?.message}
            </Alert>
          ) : null}
        </form>
      ) : null}
    </Card>
  );
}
