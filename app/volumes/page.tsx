import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Volumes' };

export default function Page() {
  return <PlaceholderPage title="Volumes" description="Volumes will list the named volumes across hosts with their driver, size and the containers mounting them, but this page is not built yet." />;
}
