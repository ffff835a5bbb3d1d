import type { Metadata } from 'next';
import { SwarmView } from '@/components/swarm/swarm-view';

export const metadata: Metadata = { title: 'Swarm' };

export default async function SwarmPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SwarmView hostId={decodeURIComponent(id)} />;
}
