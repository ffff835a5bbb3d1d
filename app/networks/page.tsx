import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Networks' };

export default function Page() {
  return <PlaceholderPage title="Networks" description="Networks will list the Docker networks on each host with driver, subnet and attached containers, but this page is not built yet." />;
}
