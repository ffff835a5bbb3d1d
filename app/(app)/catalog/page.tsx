import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Catalog' };

export default function Page() {
  return <PlaceholderPage title="Catalog" description="The catalog will offer one-click apps to deploy to a host as a stack, but this page is not built yet." />;
}
