'use client';

import { KeyRound, LogOut, UserRound } from 'lucide-react';
import Link from 'next/link';
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
      <Link
        href="/settings#tokens"
        aria-label="API tokens"
        title="API tokens"
        className="inline-flex size-7 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <KeyRound className="size-4" aria-hidden />
      </Link>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Sign out"
        title="Sign out"
        pending={pending}
        onClick={() => {
          setPending(true);
          // next-auth's client (and the Babel runtime it brings) is fetched on the click, not with every page
          void import('next-auth/react').then(({ signOut }) => signOut({ callbackUrl: '/login' }));
        }}
      >
        <LogOut aria-hidden />
      </Button>
    </div>
  );
}
