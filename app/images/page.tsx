import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Images' };

export default function Page() {
  return <PlaceholderPage title="Images" description="Images will list every image on each host with its size, tags and the containers using it, with pull, tag and prune, but this page is not built yet." />;
}
