'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { lazyDialog } from '@/components/ui/lazy-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { ApiError } from '@/lib/api-client';
import type { UserView } from '@/lib/auth-types';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { AdminOnly } from './admin-only';
import { accessApi, retryUnlessRefused } from './api';
import { UsersTable } from './users-table';

// the forms (zod, react-hook-form) are fetched when a dialog first opens
const AddUserDialog = lazyDialog(
  () => import('./user-dialogs').then((m) => m.AddUserDialog),
  (p) => p.open,
);
const SetPasswordDialog = lazyDialog(
  () => import('./user-dialogs').then((m) => m.SetPasswordDialog),
  (p) => Boolean(p.user),
);

type Open = { kind: 'add' } | { kind: 'toggle' | 'password'; user: UserView } | null;

function UsersViewInner() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: qk.users, queryFn: accessApi.users, retry: retryUnlessRefused });
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const hosts = useHosts();
  const hostNames = useMemo(() => new Map((hosts.data ?? []).map((h) => [h.id, h.name])), [hosts.data]);
  const [open, setOpen] = useState<Open>(null);
  const [q, setQ] = useState('');
  const rows = useMemo(() => users.data ?? [], [users.data]);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? rows.filter((u) => `${u.username} ${u.displayName ?? ''} ${u.teams.join(' ')}`.toLowerCase().includes(needle)) : rows;
  }, [rows, q]);

  if (users.error instanceof ApiError && users.error.status === 403) {
    return (
      <div className="flex flex-col gap-3 p-4 md:p-6">
        <PageHeader title="Users" />
        <AdminOnly what="manage users" error={users.error} />
      </div>
    );
  }
  const toggling = open?.kind === 'toggle' ? open.user : null;
  const local = rows.filter((u) => u.kind === 'local').length;
  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Users"
        description={
          users.isPending ? 'Loading…' : `${local} local · ${rows.length - local} GitHub users seen. Roles per host are granted in Settings → Access.`
        }
        actions={
          <>
            <Link href="/settings#access" className="text-sm text-accent hover:underline">
              Manage grants
            </Link>
            <Button variant="primary" onClick={() => setOpen({ kind: 'add' })}>
              <Plus aria-hidden />
              Add user
            </Button>
          </>
        }
      />
      <input
        aria-label="Search users"
        placeholder="Search name or team"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className={`${inputClass} max-w-xs`}
      />
      {users.error ? <Alert tone="error">{users.error.message}</Alert> : null}
      <UsersTable
        users={shown}
        hostNames={hostNames}
        me={me.data?.account.name}
        onToggle={(user) => setOpen({ kind: 'toggle', user })}
        onSetPassword={(user) => setOpen({ kind: 'password', user })}
        empty={users.isPending ? 'Loading users…' : shown.length === 0 ? (rows.length ? 'No users match.' : 'No users yet.') : null}
      />
      <AddUserDialog open={open?.kind === 'add'} onClose={() => setOpen(null)} />
      <SetPasswordDialog user={open?.kind === 'password' ? open.user : null} onClose={() => setOpen(null)} />
      <ConfirmDialog
        open={Boolean(toggling)}
        onClose={() => setOpen(null)}
        title={`${toggling?.disabled ? 'Enable' : 'Disable'} ${toggling?.username ?? ''}?`}
        description={
          toggling?.disabled
            ? 'They can sign in again, and their API tokens work again.'
            : 'They are signed out everywhere at once, and neither they nor their API tokens can use Berth until enabled again.'
        }
        confirmLabel={toggling?.disabled ? 'Enable' : 'Disable'}
        run={async () => {
          const u = await accessApi.updateUser(toggling!.id, { disabled: !toggling!.disabled });
          return { message: `${u.disabled ? 'Disabled' : 'Enabled'} ${u.username}` };
        }}
        onDone={() => client.invalidateQueries({ queryKey: qk.users })}
      />
    </div>
  );
}

export function UsersView() {
  return useHydrated() ? <UsersViewInner /> : <ViewLoading what="users" />;
}
