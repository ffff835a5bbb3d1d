import type { Metadata } from 'next';
import { ServiceFormView } from '@/components/swarm/service-form-view';

export const metadata: Metadata = { title: 'Update a service' };

export default async function EditServicePage({ params }: { params: Promise<{ id: string; sid: string }> }) {
  const { id, sid } = await params;
  return <ServiceFormView hostId={decodeURIComponent(id)} sid={decodeURIComponent(sid)} />;
}
