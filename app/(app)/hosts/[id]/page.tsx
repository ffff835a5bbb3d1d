import type { Metadata } from 'next';
import { HostDetailView } from '@/components/hosts/host-detail-view';

export const metadata: Metadata = { title: 'Host' };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <HostDetailView hostId={decodeURIComponent(id)} />;
}
