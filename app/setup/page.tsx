import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SetupForm } from '@/components/auth/setup-form';
import { getBerth } from '@/server/berth';
import { adminExists } from '@/server/auth/grants';

export const metadata: Metadata = { title: 'Set up' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  if (await adminExists((await getBerth()).db)) redirect('/login');
  return (
    <AuthCard title="Create the first admin" description="Berth controls Docker hosts, which is root on them: until an admin exists, nothing else is served.">
      <SetupForm />
    </AuthCard>
  );
}
