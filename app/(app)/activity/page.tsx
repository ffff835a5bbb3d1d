import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Activity' };

export default function Page() {
  return <PlaceholderPage title="Activity" description="Activity will show an audit trail of who did what on which host, but this page is not built yet." />;
}
