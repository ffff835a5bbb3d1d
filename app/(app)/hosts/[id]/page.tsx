import type { Metadata } from 'next';
import { ObjectAlerts } from '@/components/alerts/object-alerts';
import { HostDetailView } from '@/components/hosts/host-detail-view';

export const metadata: Metadata = { title: 'Host' };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <ObjectAlerts hostId={decodeURIComponent(id)} host />
      <HostDetailView hostId={decodeURIComponent(id)} />
    </>
  );
}
