import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NetworksView } from '@/components/networks/networks-view';

export const metadata: Metadata = { title: 'Networks' };

export default function NetworksPage() {
  return (
    <Suspense>
      <NetworksView />
    </Suspense>
  );
}
