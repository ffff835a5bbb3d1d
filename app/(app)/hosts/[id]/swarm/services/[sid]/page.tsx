import type { Metadata } from 'next';
import { ServiceView } from '@/components/swarm/service-view';

export const metadata: Metadata = { title: 'Service' };

export default async function ServicePage({ params }: { params: Promise<{ id: string; sid: string }> }) {
  const { id, sid } = await params;
  return <ServiceView hostId={decodeURIComponent(id)} sid={decodeURIComponent(sid)} />;
}
