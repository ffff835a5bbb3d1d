import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ImagesView } from '@/components/images/images-view';

export const metadata: Metadata = { title: 'Images' };

export default function ImagesPage() {
  // The view reads ?host= from the URL; Suspense lets the rest of the page prerender around it.
  return (
    <Suspense>
      <ImagesView />
    </Suspense>
  );
}
