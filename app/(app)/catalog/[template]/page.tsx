import type { Metadata } from 'next';
import { TemplateLaunch } from '@/components/catalog/template-launch';

export const metadata: Metadata = { title: 'Catalog template' };

export default async function TemplatePage({ params }: { params: Promise<{ template: string }> }) {
  const { template } = await params;
  return <TemplateLaunch id={decodeURIComponent(template)} />;
}
