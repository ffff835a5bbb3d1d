import type { Metadata } from 'next';
import { ObjectAlerts } from '@/components/alerts/object-alerts';
import { ContainerDetailView } from '@/components/container-detail/detail-view';

export const metadata: Metadata = { title: 'Container' };

export default async function ContainerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; cid: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { id, cid } = await params;
  // Read here rather than from window.location in the view: on a client-side navigation (the container list's row
  // menu links to ?tab=logs) the view renders before the browser's address has changed.
  const { tab } = await searchParams;
  return (
    <>
      <ObjectAlerts hostId={decodeURIComponent(id)} container={decodeURIComponent(cid)} />
      <ContainerDetailView hostId={decodeURIComponent(id)} cid={decodeURIComponent(cid)} initialTab={typeof tab === 'string' ? tab : undefined} />
    </>
  );
}
