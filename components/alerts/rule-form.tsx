'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertRuleView, AlertRuleCreateSchema, CONTAINER_KINDS, HOST_KINDS, KIND_LABELS } from '@/lib/schemas/alerts';
import type { AlertKind } from '@/lib/alert-types';
import { alertsApi } from './alerts-api';
import { channelsApi } from './channel-api';

/** The form's strings, turned into the schema's input by bodyOf (numbers and lists parsed there, checked by zod). */
interface Values {
  name: string;
  kind: AlertKind;
  hostId: string;
  stack: string;
  label: string;
  severity: string;
  cooldownSeconds: string;
  channelIds: string[];
  enabled: boolean;
  ignoreExitCodes: string;
  ignoreRequestedStops: boolean;
  restarts: string;
  minutes: string;
  source: string;
  percent: string;
  totalGiB: string;
}

const initial = (r?: AlertRuleView): Values => ({
  name: r?.name ?? '',
  kind: r?.kind ?? 'container-died',
  hostId: r?.hostId ?? '',
  stack: r?.stack ?? '',
  label: r?.label ?? '',
  severity: r?.severity ?? 'warning',
  cooldownSeconds: String(r?.cooldownSeconds ?? 300),
  channelIds: r?.channelIds ?? [],
  enabled: r?.enabled ?? true,
  ignoreExitCodes: (r?.params.ignoreExitCodes ?? []).join(', '),
  ignoreRequestedStops: r?.params.ignoreRequestedStops ?? true,
  restarts: String(r?.params.restarts ?? 3),
  minutes: String(r?.params.minutes ?? 5),
  source: r?.params.source ?? 'any',
  percent: r?.params.percent === undefined ? (r?.params.totalGiB === undefined ? '90' : '') : String(r.params.percent),
  totalGiB: r?.params.totalGiB === undefined ? '' : String(r.params.totalGiB),
});

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function bodyOf(v: Values): unknown {
  const params: Record<string, unknown> = {};
  if (v.kind === 'container-died') {
    params.ignoreExitCodes = v.ignoreExitCodes
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    params.ignoreRequestedStops = v.ignoreRequestedStops;
  }
  if (v.kind === 'restart-loop') Object.assign(params, { restarts: num(v.restarts), minutes: num(v.minutes) });
  if (v.kind === 'unhealthy') params.source = v.source;
  if (v.kind === 'disk-usage') Object.assign(params, { percent: num(v.percent), totalGiB: num(v.totalGiB) });
  const hostOnly = HOST_KINDS.includes(v.kind);
  return {
    name: v.name,
    kind: v.kind,
    hostId: v.hostId || null,
    stack: hostOnly ? null : v.stack || null,
    label: CONTAINER_KINDS.includes(v.kind) ? v.label || null : null,
    params: JSON.parse(JSON.stringify(params)),
    severity: v.severity,
    cooldownSeconds: num(v.cooldownSeconds),
    channelIds: v.channelIds,
    enabled: v.enabled,
  };
}

/** Add or edit an alert rule (admins); the schema that checks the API's input checks the form first. */
export function RuleForm({ rule, onClose }: { rule?: AlertRuleView; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const hosts = useQuery({ queryKey: qk.hosts, queryFn: api.listHosts });
  const channels = useQuery({ queryKey: qk.alertChannels, queryFn: channelsApi.list });
  const [v, setV] = useState<Values>(() => initial(rule));
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const save = useMutation({
    mutationFn: () => {
      const body = AlertRuleCreateSchema.parse(bodyOf(v));
      return rule ? alertsApi.updateRule(rule.id, body) : alertsApi.createRule(body);
    },
    onSuccess: (r) => {
      toast('success', `${rule ? 'Saved' : 'Added'} alert rule ${r.name}`);
      void client.invalidateQueries({ queryKey: qk.alertRules });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = AlertRuleCreateSchema.safeParse(bodyOf(v));
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: String(i.path[i.path.length - 1] ?? ''), message: i.message });
    }
    setProblem(null);
    save.mutate();
  };
  const err = (p: string) => (problem?.path === p ? problem.message : undefined);
  const text = (k: keyof Values, label: string, hint?: string, extra: Record<string, unknown> = {}) => (
    <Field id={`rule-${k}`} label={label} error={err(k)} hint={hint}>
      <input
        id={`rule-${k}`}
        value={String(v[k])}
        onChange={set(k)}
        className={inputClass}
        autoComplete="off"
        {...extra}
        {...describedBy(`rule-${k}`, err(k))}
      />
    </Field>
  );
  const hostOnly = HOST_KINDS.includes(v.kind);

  return (
    <Dialog open onClose={onClose} title={rule ? `Edit alert rule ${rule.name}` : 'Add an alert rule'} className="max-w-lg">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <div className="grid grid-cols-2 gap-3">
          {text('name', 'Name', 'For people, e.g. "web crashed".')}
          <Field id="rule-kind" label="Alert when">
            <select id="rule-kind" value={v.kind} onChange={set('kind')} className={selectClass}>
              {ALERT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="grid grid-cols-3 gap-3">
          <Field id="rule-hostId" label="Host" error={err('hostId')}>
            <select id="rule-hostId" value={v.hostId} onChange={set('hostId')} className={selectClass}>
              <option value="">All hosts</option>
              {(hosts.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </Field>
          {hostOnly ? null : text('stack', 'Stack', 'Empty: any.')}
          {CONTAINER_KINDS.includes(v.kind) ? text('label', 'Label', 'key or key=value', { spellCheck: false }) : null}
        </div>
        {v.kind === 'container-died' ? (
          <div className="grid grid-cols-2 gap-3">
            {text('ignoreExitCodes', 'Exit codes to ignore', 'e.g. 143; exit 0 never alerts.')}
            <label className="mt-5 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={v.ignoreRequestedStops} onChange={(e) => setV({ ...v, ignoreRequestedStops: e.target.checked })} />
              Ignore stops someone asked for
            </label>
          </div>
        ) : null}
        {v.kind === 'restart-loop' ? (
          <div className="grid grid-cols-2 gap-3">
            {text('restarts', 'Restarts', undefined, { inputMode: 'numeric' })}
            {text('minutes', 'Within minutes', undefined, { inputMode: 'numeric' })}
          </div>
        ) : null}
        {v.kind === 'unhealthy' ? (
          <Field id="rule-source" label="Health check">
            <select id="rule-source" value={v.source} onChange={set('source')} className={selectClass}>
              <option value="any">Either</option>
              <option value="engine">The image&apos;s HEALTHCHECK</option>
              <option value="external">Berth&apos;s external check</option>
            </select>
          </Field>
        ) : null}
        {v.kind === 'disk-usage' ? (
          <div className="grid grid-cols-2 gap-3">
            {text('percent', 'Data root filesystem above %', 'Measured with df in a one-shot container.', { inputMode: 'numeric' })}
            {text('totalGiB', "Or Docker's own total above GiB", 'Images, containers, volumes, build cache.', { inputMode: 'decimal' })}
          </div>
        ) : null}
        <div className="grid grid-cols-2 gap-3">
          <Field id="rule-severity" label="Severity">
            <select id="rule-severity" value={v.severity} onChange={set('severity')} className={selectClass}>
              {ALERT_SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          {text('cooldownSeconds', 'Cooldown (seconds)', 'A repeat is sent at most this often.', { inputMode: 'numeric' })}
        </div>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">Send to</legend>
          {(channels.data ?? []).length === 0 ? <p className="text-xs text-zinc-500">No channels yet: alerts show in Berth only.</p> : null}
          {(channels.data ?? []).map((c) => (
            <label key={c.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={v.channelIds.includes(c.id)}
                onChange={(e) => setV({ ...v, channelIds: e.target.checked ? [...v.channelIds, c.id] : v.channelIds.filter((x) => x !== c.id) })}
              />
              {c.name} <span className="text-xs text-zinc-500">({c.kind})</span>
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ ...v, enabled: e.target.checked })} />
          Enabled
        </label>
        {problem &&
        !['name', 'stack', 'label', 'hostId', 'ignoreExitCodes', 'restarts', 'minutes', 'percent', 'totalGiB', 'cooldownSeconds'].includes(problem.path) ? (
          <p className="text-xs font-medium text-red-600 dark:text-red-400">{problem.message}</p>
        ) : null}
        <DialogFooter error={save.error} pending={save.isPending} onCancel={onClose} submitLabel={rule ? 'Save' : 'Add rule'} />
      </form>
    </Dialog>
  );
}
