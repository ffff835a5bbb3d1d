import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NewStack } from '@/components/stacks/new-stack';

export const metadata: Metadata = { title: 'New stack' };

export default function NewStackPage() {
  return (
    <Suspense>
      <NewStack />
    </Suspense>
  );
}
