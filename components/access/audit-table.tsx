'use client';

import { ChevronDown, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { Fragment, type ReactNode, useState } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { DataTable, td, tdMono, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { useNow } from '@/components/ui/use-now';
import { type HostNames, hostLabel, labelTarget } from '@/lib/access-format';
import { describeActivity } from '@/lib/activity-sentence';
import type { AuditView } from '@/lib/auth-types';
import { formatDateTime, formatRelative } from '@/lib/format';

const RESULT_TONE: Record<AuditView['result'], Tone> = { ok: 'green', denied: 'amber', error: 'red' };
const HEAD = ['Time', 'Who', 'From', 'Action', 'Host', 'Target', 'Result', 'Status', 'Error'];

/** The audit log, newest first; a row opens to show the request's details (secrets already redacted by the server). */
export function AuditTable({
  entries,
  hostNames,
  usernames,
  empty,
}: {
  entries: AuditView[];
  hostNames: HostNames;
  usernames: ReadonlyMap<string, string>;
  empty: ReactNode;
}) {
  const now = useNow();
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <DataTable head={HEAD} testId="audit-table" label="Audit log" minWidth="min-w-[1100px]" empty={empty}>
      {entries.map((e) => {
        const open = openId === e.id;
        const said = describeActivity(e, e.hostId ? hostLabel(e.hostId, hostNames) : null);
        return (
          <Fragment key={e.id}>
            <tr
              data-testid="audit-row"
              data-action={e.action}
              data-actor={e.actor}
              className="cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
              onClick={() => setOpenId(open ? null : e.id)}
            >
              <td className={tdMuted} title={formatDateTime(e.at)}>
                <button
                  type="button"
                  aria-expanded={open}
                  aria-label={`Details of ${said.text} at ${formatDateTime(e.at)}`}
                  className="inline-flex items-center gap-1"
                  onClick={(ev) => {
                    ev.stopPropagation();
                    setOpenId(open ? null : e.id);
                  }}
                >
                  {open ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
                  {formatRelative(e.at, now)}
                </button>
              </td>
              <td className={td}>
                <span className="font-medium">{e.actor}</span> <span className="text-xs text-zinc-500">{e.actorKind}</span>
              </td>
              <td className={tdMono}>{e.ip ?? <Muted>—</Muted>}</td>
              <td className={`${td} max-w-80 break-words`} data-testid="audit-sentence">
                {said.href ? (
                  <Link href={said.href} className="text-accent hover:underline" onClick={(ev) => ev.stopPropagation()}>
                    {said.text}
                  </Link>
                ) : (
                  said.text
                )}
                {/* the stored action, which the "Action contains" filter matches */}
                {said.text !== e.action ? <div className="font-mono text-[11px] break-all text-zinc-400">{e.action}</div> : null}
              </td>
              <td className={`${td} whitespace-nowrap`}>{e.hostId ? hostLabel(e.hostId, hostNames) : <Muted>—</Muted>}</td>
              <td className={`${tdMono} max-w-56 truncate`} title={e.target ?? undefined}>
                {labelTarget(e.target, usernames) ?? <Muted>—</Muted>}
              </td>
              <td className={td}>
                <Badge tone={RESULT_TONE[e.result]}>{e.result}</Badge>
              </td>
              <td className={`${td} tabular-nums`}>{e.status ?? <Muted>—</Muted>}</td>
              <td className={`${td} max-w-80 text-xs break-words text-red-700 dark:text-red-300`}>{e.error ?? null}</td>
            </tr>
            {open ? (
              <tr data-testid="audit-details" className="bg-zinc-50 dark:bg-zinc-900/60">
                <td colSpan={HEAD.length} className="px-3 py-2">
                  <div className="mb-1 text-xs text-zinc-500">
                    {formatDateTime(e.at)} · entry {e.id}
                  </div>
                  {e.details == null ? (
                    <Muted>No request body was recorded.</Muted>
                  ) : (
                    <pre className="max-h-80 overflow-auto rounded bg-white p-2 font-mono text-xs dark:bg-zinc-950">{JSON.stringify(e.details, null, 2)}</pre>
                  )}
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
