import type { Metadata } from 'next';
import { SwarmStackView } from '@/components/swarm/swarm-stack-view';

export const metadata: Metadata = { title: 'Swarm stack' };

export default async function SwarmStackPage({ params }: { params: Promise<{ id: string; name: string }> }) {
  const { id, name } = await params;
  return <SwarmStackView hostId={decodeURIComponent(id)} name={decodeURIComponent(name)} />;
}
