import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LaunchView } from '@/components/launch/launch-view';

export const metadata: Metadata = { title: 'Launch container' };

export default function LaunchPage() {
  // The view reads ?host=&from=&mode= from the URL; Suspense lets the rest of the page prerender around it.
  return (
    <Suspense>
      <LaunchView />
    </Suspense>
  );
}
