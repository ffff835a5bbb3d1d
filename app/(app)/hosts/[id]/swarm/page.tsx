import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Suspense } from 'react';
import { SwarmView } from '@/components/swarm/swarm-view';
import { ViewLoading } from '@/components/ui/view-loading';
import { pagePrincipal } from '@/server/auth/page';
import { getBerth } from '@/server/berth';
import { swarmFirstScreen } from '@/server/swarm/first-screen';

export const metadata: Metadata = { title: 'Swarm' };
export const dynamic = 'force-dynamic';

/**
 * Like the Catalog, a page that comes with its first screen: the environment, nodes, stacks and the first services
 * as the API would answer them for this viewer (authorized in swarmFirstScreen), so the tables paint before the
 * scripts run. The shell is sent first (Suspense) so the browser fetches styles and scripts while the manager is read.
 */
export default async function SwarmPage({ params }: { params: Promise<{ id: string }> }) {
  const hostId = decodeURIComponent((await params).id);
  return (
    <Suspense fallback={<ViewLoading what="swarm" />}>
      <WithFirstScreen hostId={hostId} />
    </Suspense>
  );
}

async function WithFirstScreen({ hostId }: { hostId: string }) {
  const berth = await getBerth();
  const principal = await pagePrincipal(berth, (await headers()).get('cookie'));
  const first = principal ? await swarmFirstScreen(berth, principal, hostId) : undefined;
  return <SwarmView hostId={hostId} first={first} />;
}
