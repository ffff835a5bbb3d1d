'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ApiError, call } from '@/lib/api-client';
import type { OperationView } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { CatalogUpgradeForm } from './catalog-upgrade-form';

/**
 * The "Catalog app" card of a stack launched from the catalog: its template and the version it runs, "vX available"
 * when a newer one may be upgraded to, and the upgrade form (only the new questions). A stack not from the catalog
 * answers 404 and gets no card.
 */
export function CatalogCard({
  hostId,
  name,
  deployedVersion,
  busy,
  onStarted,
}: {
  hostId: string;
  name: string;
  /** the stack's deployed version: when it changes (an upgrade, a rollback), the card is read again */
  deployedVersion: number | null;
  busy: boolean;
  onStarted: (op: OperationView) => void;
}) {
  const client = useQueryClient();
  const [target, setTarget] = useState('');
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: qk.stackCatalog(hostId, name, target || undefined),
    queryFn: () => call('GET /api/v1/hosts/{id}/stacks/{name}/catalog', { id: hostId, name, version: target || undefined }).then((r) => r.catalog),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    void client.invalidateQueries({ queryKey: qk.stackCatalog(hostId, name).slice(0, 3) });
  }, [client, hostId, name, deployedVersion]);

  if (q.error instanceof ApiError && q.error.status === 404) return null;
  const c = q.data;
  if (!c) return q.error ? <Alert tone="error">{q.error.message}</Alert> : null;
  const newest = c.upgrades[0];

  return (
    <Card
      title="Catalog app"
      actions={
        newest ? (
          <Badge tone="blue" title={`${c.templateName} ${newest} may be upgraded to`}>
            v{newest} available
          </Badge>
        ) : null
      }
    >
      <div className="flex flex-col gap-2 text-sm" data-testid="catalog-app">
        <p>
          <Link href={`/catalog/${encodeURIComponent(c.templateId)}`} className="font-medium text-accent hover:underline">
            {c.templateName}
          </Link>{' '}
          <span data-testid="catalog-app-version">v{c.version}</span>
          {newest ? null : <span className="text-xs text-zinc-500"> · up to date</span>}
        </p>
        {c.problem ? <Alert tone="warning">{c.problem}</Alert> : null}
        {c.refused.map((r) => (
          <p key={r.version} className="text-xs text-zinc-500 dark:text-zinc-400">
            v{r.version}: {r.reason}
          </p>
        ))}
        {newest && !open ? (
          <div>
            <Button size="sm" onClick={() => setOpen(true)} disabled={busy}>
              Upgrade…
            </Button>
          </div>
        ) : null}
        {newest && open && c.target ? (
          <CatalogUpgradeForm
            hostId={hostId}
            name={name}
            catalog={c}
            target={c.target}
            onTarget={setTarget}
            busy={busy}
            onCancel={() => setOpen(false)}
            onStarted={(op) => {
              setOpen(false);
              setTarget('');
              onStarted(op);
            }}
          />
        ) : null}
      </div>
    </Card>
  );
}
