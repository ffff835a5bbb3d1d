'use client';

import { LogOut, UserRound } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { PageAccount } from '@/lib/auth-types';

/** Who is signed in, with which role, and the way out. */
export function AccountMenu({ account }: { account: PageAccount }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-auto flex items-center gap-2 rounded-md px-1 text-sm" data-testid="account">
      <UserRound className="size-4 shrink-0 text-zinc-500" aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="truncate font-medium" data-testid="account-name">
          {account.name}
        </div>
        <div className="truncate text-xs text-zinc-500">
          {account.kind === 'github' ? 'GitHub' : 'Local'} · {account.role ?? 'no role'}
        </div>
      </div>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Sign out"
        title="Sign out"
        pending={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: '/login' });
        }}
      >
        <LogOut aria-hidden />
      </Button>
    </div>
  );
}
