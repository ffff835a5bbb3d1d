import type { Metadata } from 'next';
import { StackView } from '@/components/stacks/stack-view';

export const metadata: Metadata = { title: 'Stack' };

export default async function StackPage({ params }: { params: Promise<{ host: string; name: string }> }) {
  const { host, name } = await params;
  return <StackView hostId={decodeURIComponent(host)} name={decodeURIComponent(name)} />;
}
