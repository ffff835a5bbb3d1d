import type { Metadata } from 'next';
import { ContainerDetailView } from '@/components/container-detail/detail-view';

export const metadata: Metadata = { title: 'Container' };

export default async function ContainerPage({ params }: { params: Promise<{ id: string; cid: string }> }) {
  const { id, cid } = await params;
  return <ContainerDetailView hostId={decodeURIComponent(id)} cid={decodeURIComponent(cid)} />;
}
