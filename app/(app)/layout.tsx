import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AccountMenu } from '@/components/auth/account-menu';
import { WarningBanner } from '@/components/auth/warning-banner';
import { LiveConnection } from '@/components/providers';
import { AppShell } from '@/components/shell/app-shell';
import { pageAccess } from '@/server/auth/page';

export const dynamic = 'force-dynamic';

/** Every signed-in page: first-run setup and sign-in come first, then the navigation shell around the page. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const access = await pageAccess((await headers()).get('cookie'));
  if (access.state === 'setup') redirect('/setup');
  if (access.state === 'signed-out') redirect('/login');
  return (
    <AppShell account={<AccountMenu account={access.account} />} banner={<WarningBanner warnings={access.warnings} />}>
      <LiveConnection />
      {children}
    </AppShell>
  );
}
