import type { Metadata } from 'next';
import { ServiceFormView } from '@/components/swarm/service-form-view';

export const metadata: Metadata = { title: 'Create a service' };

export default async function NewServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ServiceFormView hostId={decodeURIComponent(id)} />;
}
