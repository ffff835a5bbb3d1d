import type { Metadata } from 'next';
import { ObjectAlerts } from '@/components/alerts/object-alerts';
import { StackView } from '@/components/stacks/stack-view';

export const metadata: Metadata = { title: 'Stack' };

export default async function StackPage({ params }: { params: Promise<{ host: string; name: string }> }) {
  const { host, name } = await params;
  return (
    <>
      <ObjectAlerts hostId={decodeURIComponent(host)} stack={decodeURIComponent(name)} />
      <StackView hostId={decodeURIComponent(host)} name={decodeURIComponent(name)} />
    </>
  );
}
