import type { Metadata } from 'next';
import { Suspense } from 'react';
import { StacksView } from '@/components/stacks/stacks-view';

export const metadata: Metadata = { title: 'Stacks' };

export default function StacksPage() {
  return (
    <Suspense>
      <StacksView />
    </Suspense>
  );
}
