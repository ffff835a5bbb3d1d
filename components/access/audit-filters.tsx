'use client';

import { Download, Search, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass, selectClass } from '@/components/ui/field';
import { type AuditFilters, auditQuery, NO_AUDIT_FILTERS } from '@/lib/access-format';
import type { HostView } from '@/lib/types';

interface Props {
  applied: AuditFilters;
  hosts: HostView[];
  onApply: (f: AuditFilters) => void;
}

/** Filters are applied on submit, not per keystroke: each change is a new query of the log. */
export function AuditFiltersForm({ applied, hosts, onApply }: Props) {
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form
      onSubmit={submit}
      className="grid grid-cols-2 gap-3 rounded-lg border border-zinc-200 bg-white p-3 md:grid-cols-3 xl:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-900"
      aria-label="Audit filters"
    >
      <Field id="audit-actor" label="Actor">
        <input
          id="audit-actor"
          title="The exact user name"
          value={draft.actor}
          onChange={set('actor')}
          className={inputClass}
          placeholder="admin"
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Field id="audit-action" label="Action contains">
        <input
          id="audit-action"
          value={draft.action}
          onChange={set('action')}
          className={inputClass}
          placeholder="/users or stop"
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Field id="audit-host" label="Host">
        <select id="audit-host" value={draft.hostId} onChange={set('hostId')} className={selectClass}>
          <option value="">Any host</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-result" label="Result">
        <select id="audit-result" value={draft.result} onChange={set('result')} className={selectClass}>
          <option value="">Any result</option>
          <option value="ok">OK</option>
          <option value="denied">Denied</option>
          <option value="error">Error</option>
        </select>
      </Field>
      <Field id="audit-since" label="Since">
        <input id="audit-since" type="datetime-local" value={draft.since} onChange={set('since')} className={inputClass} />
      </Field>
      <Field id="audit-until" label="Until">
        <input id="audit-until" type="datetime-local" value={draft.until} onChange={set('until')} className={inputClass} />
      </Field>
      <div className="col-span-full flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary">
          <Search aria-hidden />
          Apply filters
        </Button>
        <Button
          onClick={() => {
            setDraft(NO_AUDIT_FILTERS);
            onApply(NO_AUDIT_FILTERS);
          }}
        >
          <X aria-hidden />
          Clear
        </Button>
        <span className="ml-auto flex gap-2">
          <ExportLink filters={applied} format="csv" label="Export CSV" />
          <ExportLink filters={applied} format="json" label="Export JSON" />
        </span>
      </div>
    </form>
  );
}

/** A plain link: the browser downloads the file the API names (attachment), with the filters applied. */
function ExportLink({ filters, format, label }: { filters: AuditFilters; format: 'csv' | 'json'; label: string }) {
  const href = `/api/v1/audit?${auditQuery(filters, { format, limit: 10_000, download: format === 'json' ? 1 : undefined })}`;
  return (
    <a
      href={href}
      download
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 [&_svg]:size-4"
      title="The applied filters, up to 10,000 entries"
    >
      <Download aria-hidden />
      {label}
    </a>
  );
}
