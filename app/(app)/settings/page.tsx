import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Settings' };

export default function Page() {
  return <PlaceholderPage title="Settings" description="Settings will hold GitHub sign-in, team access rules, registries and other Berth-wide options, but this page is not built yet." />;
}
