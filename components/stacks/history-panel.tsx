'use client';

import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';

/** Deployed versions, newest first, each with a rollback (which deploys it again as a new version). */
export function HistoryPanel({ hostId, name, onRollback, busy }: { hostId: string; name: string; onRollback: (version: number) => void; busy: boolean }) {
  const q = useQuery({ queryKey: qk.stackVersions(hostId, name), queryFn: () => stacksApi.versions(hostId, name) });
  const versions = q.data ?? [];
  return (
    <Card title="History">
      {versions.length === 0 ? <EmptyState>{q.isPending ? 'Loading…' : 'No version deployed yet.'}</EmptyState> : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="stack-history">
        {versions.map((v) => (
          <li key={v.version} className="flex items-center gap-2">
            <span className="font-medium">v{v.version}</span>
            <span className="text-xs text-zinc-500">
              {formatDateTime(v.createdAt)} by {v.createdBy}
            </span>
            {v.current ? (
              <span className="ml-auto text-xs text-emerald-600">current</span>
            ) : (
              <Button size="sm" className="ml-auto" onClick={() => onRollback(v.version)} disabled={busy}>
                Roll back to v{v.version}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
