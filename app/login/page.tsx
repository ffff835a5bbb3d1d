import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { LoginForm } from '@/components/auth/login-form';
import { getBerth } from '@/server/berth';
import { pageAccess } from '@/server/auth/page';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  const access = await pageAccess((await headers()).get('cookie'));
  if (access.state === 'setup') redirect('/setup');
  const github = !!(await getBerth()).config.auth.github;
  return (
    <AuthCard title="Sign in" description={github ? 'With your Berth account or your GitHub organization.' : undefined}>
      <Suspense>
        <LoginForm github={github} />
      </Suspense>
    </AuthCard>
  );
}
