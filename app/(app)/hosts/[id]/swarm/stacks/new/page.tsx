import type { Metadata } from 'next';
import { NewSwarmStack } from '@/components/swarm/new-swarm-stack';

export const metadata: Metadata = { title: 'New Swarm stack' };

export default async function NewSwarmStackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NewSwarmStack hostId={decodeURIComponent(id)} />;
}
