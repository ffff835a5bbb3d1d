'use client';

import { KeyRound, UserCheck, UserX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, td, tdMuted } from '@/components/ui/data-table';
import { Muted } from '@/components/ui/kv';
import { useNow } from '@/components/ui/use-now';
import { describeRoles, type HostNames } from '@/lib/access-format';
import type { UserView } from '@/lib/auth-types';
import { formatDateTime, formatRelative } from '@/lib/format';

interface Props {
  users: UserView[];
  hostNames: HostNames;
  /** the signed-in user's name, marked "you" */
  me?: string;
  onToggle: (u: UserView) => void;
  onSetPassword: (u: UserView) => void;
  empty: ReactNode;
}

export function UsersTable({ users, hostNames, me, onToggle, onSetPassword, empty }: Props) {
  const now = useNow();
  return (
    <DataTable
      head={['Name', 'Kind', 'Display name', 'Roles', 'Teams', 'Last sign-in', 'Status', 'Actions']}
      testId="users-table"
      label="Users"
      minWidth="min-w-[980px]"
      empty={empty}
    >
      {users.map((u) => {
        const roles = describeRoles(u, hostNames);
        return (
          <tr key={u.id} data-testid="user-row" data-name={u.username} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <td className={`${td} font-medium break-all`}>
              <span className="flex flex-wrap items-center gap-1.5">
                {u.username}
                {u.username === me ? <Badge tone="blue">you</Badge> : null}
                {u.weakPassword ? (
                  <Badge tone="amber" title="Shorter than 12 characters or only one kind of character: set a stronger password">
                    weak password
                  </Badge>
                ) : null}
              </span>
            </td>
            <td className={td}>{u.kind === 'github' ? <Badge tone="violet">GitHub</Badge> : <Badge tone="grey">Local</Badge>}</td>
            <td className={td}>{u.displayName ?? <Muted>—</Muted>}</td>
            <td className={td} data-testid="user-roles">
              {roles.length ? (
                <ul className="flex flex-col text-xs">
                  {roles.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : (
                <Muted>no role</Muted>
              )}
            </td>
            <td className={`${td} text-xs`}>{u.kind === 'github' ? u.teams.length ? u.teams.join(', ') : <Muted>none</Muted> : <Muted>—</Muted>}</td>
            <td className={tdMuted} title={u.lastSignInAt ? formatDateTime(u.lastSignInAt) : undefined}>
              {u.lastSignInAt ? formatRelative(u.lastSignInAt, now) : 'never'}
            </td>
            <td className={td} data-testid="user-status">
              {u.disabled ? (
                <Badge tone="red" dot>
                  Disabled
                </Badge>
              ) : (
                <Badge tone="green" dot>
                  Active
                </Badge>
              )}
            </td>
            <td className="px-3 py-1.5">
              <div className="flex justify-end gap-1">
                {u.kind === 'local' ? (
                  <Button size="sm" variant="ghost" onClick={() => onSetPassword(u)} aria-label={`Set password of ${u.username}`}>
                    <KeyRound aria-hidden />
                    Set password
                  </Button>
                ) : null}
                <Button size="sm" variant="ghost" onClick={() => onToggle(u)} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}>
                  {u.disabled ? <UserCheck aria-hidden /> : <UserX aria-hidden />}
                  {u.disabled ? 'Enable' : 'Disable'}
                </Button>
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
