import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainersView } from '@/components/containers/containers-view';

export const metadata: Metadata = { title: 'Containers' };

export default function ContainersPage() {
  // The view reads ?host= from the URL; Suspense lets the rest of the page prerender around it.
  return (
    <Suspense>
      <ContainersView />
    </Suspense>
  );
}
