'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { type AuditFilters, auditQuery, NO_AUDIT_FILTERS, nextCursor } from '@/lib/access-format';
import { ApiError } from '@/lib/api-client';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { AdminOnly } from './admin-only';
import { accessApi, retryUnlessRefused } from './api';
import { AuditFiltersForm } from './audit-filters';
import { AuditTable } from './audit-table';
import { plural } from '@/lib/words';

const PAGE = 100;

function ActivityViewInner() {
  const hosts = useHosts();
  const hostNames = useMemo(() => new Map((hosts.data ?? []).map((h) => [h.id, h.name])), [hosts.data]);
  // Only to name users in targets; an admin can read both lists.
  const users = useQuery({ queryKey: qk.users, queryFn: accessApi.users, retry: retryUnlessRefused });
  const usernames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.username])), [users.data]);
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const query = auditQuery(filters);
  const log = useInfiniteQuery({
    queryKey: qk.audit(query),
    queryFn: ({ pageParam }) => accessApi.audit(auditQuery(filters, { limit: PAGE, before: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextCursor(last, PAGE),
    retry: retryUnlessRefused,
  });
  const entries = useMemo(() => log.data?.pages.flat() ?? [], [log.data]);

  if (log.error instanceof ApiError && log.error.status === 403) {
    return (
      <div className="flex flex-col gap-3 p-4 md:p-6">
        <PageHeader title="Activity" />
        <AdminOnly what="read the audit log" error={log.error} />
      </div>
    );
  }
  const filtered = query !== '';
  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Activity"
        description={`Every change made through Berth, allowed or refused: who, from where, what, on which host, and the outcome. ${log.isPending ? 'Loading…' : `${log.hasNextPage ? `${entries.length}+ entries` : plural(entries.length, 'entry', 'entries')}${filtered ? (entries.length === 1 && !log.hasNextPage ? ' matches' : ' match') : ''}.`}`}
        actions={
          <Button onClick={() => void log.refetch()} pending={log.isRefetching && !log.isFetchingNextPage}>
            Refresh
          </Button>
        }
      />
      <AuditFiltersForm applied={filters} hosts={hosts.data ?? []} onApply={setFilters} />
      {log.error ? <Alert tone="error">{log.error.message}</Alert> : null}
      <AuditTable
        entries={entries}
        hostNames={hostNames}
        usernames={usernames}
        empty={
          log.isPending ? 'Loading the audit log…' : entries.length === 0 ? (filtered ? 'No entries match these filters.' : 'Nothing recorded yet.') : null
        }
      />
      {log.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void log.fetchNextPage()} pending={log.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export function ActivityView() {
  return useHydrated() ? <ActivityViewInner /> : <ViewLoading what="activity" />;
}
