'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { accessApi } from '@/components/access/api';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { QueryTable } from '@/components/ui/query-table';
import { useToast } from '@/components/ui/toast';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import { formatDateTime } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import { catalogSourcesApi } from './sources-api';

// the form is fetched when its dialog first opens
const CatalogSourceDialog = lazyDialog(() => import('./catalog-source-dialog').then((m) => m.CatalogSourceDialog));

const KIND: Record<CatalogSourceView['kind'], string> = { git: 'git', url: 'URL', file: 'file' };

function RemoveDialog({ source, onClose }: { source: CatalogSourceView; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const m = useMutation({
    mutationFn: () => catalogSourcesApi.remove(source.id),
    onSuccess: (r) => {
      toast('success', r.message);
      void client.invalidateQueries({ queryKey: qk.catalogSources });
      void client.invalidateQueries({ queryKey: qk.catalog });
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Remove catalog source ${source.name}?`}
      description="Its templates leave the catalog. Stacks launched from them keep running."
    >
      {m.error ? (
        <Alert tone="error" role="alert">
          {m.error.message}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" pending={m.isPending} onClick={() => m.mutate()}>
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** What went wrong with a source, and what it left out: its last error, problems by file and field, unsupported fields. */
function SourceNotes({ s }: { s: CatalogSourceView }) {
  if (!s.lastError && !s.problems.length && !s.unsupported.length) return null;
  return (
    <div className="flex flex-col gap-1 pt-1 text-xs">
      {s.lastError ? (
        <p className="text-red-600 dark:text-red-400" data-testid="source-last-error">
          Last refresh failed{s.lastAttemptAt ? ` (${formatDateTime(s.lastAttemptAt)})` : ''}: {s.lastError}. The last good templates are kept.
        </p>
      ) : null}
      {s.problems.length ? (
        <details>
          <summary className="cursor-pointer text-amber-700 dark:text-amber-400">
            {s.problems.length} problem{s.problems.length === 1 ? '' : 's'}
          </summary>
          <ul className="list-disc pl-5">
            {s.problems.map((p, i) => (
              <li key={i}>
                <span className="font-mono">
                  {p.file}
                  {p.field ? ` › ${p.field}` : ''}
                </span>
                : {p.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {s.unsupported.length ? (
        <details>
          <summary className="cursor-pointer text-zinc-500">{s.unsupported.length} field(s) Berth does not carry over</summary>
          <p className="font-mono break-words">{s.unsupported.join(', ')}</p>
        </details>
      ) : null}
    </div>
  );
}

function SourceRow({ s, onRemove }: { s: CatalogSourceView; onRemove: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const refresh = useMutation({
    mutationFn: () => catalogSourcesApi.refresh(s.id),
    onSuccess: (r) => toast('success', `Refreshed ${r.name}: ${r.templateCount} templates`),
    onError: (e) => toast('error', e.message),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: qk.catalogSources });
      void client.invalidateQueries({ queryKey: qk.catalog });
    },
  });
  return (
    <tr data-testid="catalog-source-row" className="border-t border-zinc-200 align-top dark:border-zinc-800">
      <td className="py-1.5 pr-3">
        <span className="font-medium">{s.name}</span> <span className="font-mono text-xs text-zinc-500">{s.id}/</span>
        <div className="font-mono text-xs break-all text-zinc-500">
          {s.url ?? s.fileName}
          {s.path ? ` › ${s.path}` : ''}
        </div>
        <SourceNotes s={s} />
      </td>
      <td className="py-1.5 pr-3">
        <Badge tone="grey">{KIND[s.kind]}</Badge> {s.format ? <span className="text-xs text-zinc-500">{s.format}</span> : null}
      </td>
      <td className="py-1.5 pr-3">{s.templateCount}</td>
      <td className="py-1.5 pr-3 text-xs">
        {s.lastError ? <Badge tone="red">failed</Badge> : null} {s.lastRefreshAt ? formatDateTime(s.lastRefreshAt) : 'never'}
      </td>
      <td className="py-1.5 text-right whitespace-nowrap">
        <Button size="sm" variant="ghost" pending={refresh.isPending} onClick={() => refresh.mutate()} aria-label={`Refresh catalog source ${s.name}`}>
          <RefreshCw aria-hidden />
          Refresh
        </Button>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove catalog source ${s.name}`}>
          Remove
        </Button>
      </td>
    </tr>
  );
}

/**
 * Settings → Catalog sources (admins; Rancher keeps this under Admin › Catalog): git repositories in Berth's format and
 * other tools' catalog files, refreshed on a schedule and with Refresh, with what each could not read.
 */
export function CatalogSourcesSection() {
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const isAdmin = me.data?.account.isAdmin === true;
  const q = useQuery({ queryKey: qk.catalogSources, queryFn: catalogSourcesApi.list, enabled: isAdmin });
  const [open, setOpen] = useState<{ kind: 'add' } | { kind: 'remove'; source: CatalogSourceView } | null>(null);
  if (!isAdmin) return null;
  const rows = q.data ?? [];
  return (
    <div id="catalog-sources" className="scroll-mt-4">
      <Card
        title="Catalog sources"
        actions={
          <Button size="sm" onClick={() => setOpen({ kind: 'add' })}>
            <Plus aria-hidden />
            Add source
          </Button>
        }
      >
        <QueryTable
          error={q.error}
          pending={q.isPending}
          count={rows.length}
          loading="Loading catalog sources…"
          empty="No catalog sources yet. Add a git repository in Berth's format, or a Portainer, CapRover or Coolify catalog file, and its templates join the catalog."
          columns={['Source', 'Kind', 'Templates', 'Last refresh']}
          label="Catalog sources"
        >
          {rows.map((s) => (
            <SourceRow key={s.id} s={s} onRemove={() => setOpen({ kind: 'remove', source: s })} />
          ))}
        </QueryTable>
      </Card>
      {open?.kind === 'add' ? <CatalogSourceDialog onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? <RemoveDialog source={open.source} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
