import type { Metadata } from 'next';
import { PlaceholderPage } from '@/components/shell/placeholder-page';

export const metadata: Metadata = { title: 'Stacks' };

export default function Page() {
  return <PlaceholderPage title="Stacks" description="Stacks will show the compose stacks deployed to your hosts with their services and state, ready to deploy, update or tear down, but this page is not built yet." />;
}
