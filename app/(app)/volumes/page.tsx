import type { Metadata } from 'next';
import { Suspense } from 'react';
import { VolumesView } from '@/components/volumes/volumes-view';

export const metadata: Metadata = { title: 'Volumes' };

export default function VolumesPage() {
  return (
    <Suspense>
      <VolumesView />
    </Suspense>
  );
}
