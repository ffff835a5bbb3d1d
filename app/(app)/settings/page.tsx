import type { Metadata } from 'next';
import Link from 'next/link';
import { GrantsSection } from '@/components/access/grants-section';
import { TokensSection } from '@/components/access/tokens-section';
import { CatalogSourcesSection } from '@/components/catalog/catalog-sources-section';
import { RegistriesSection } from '@/components/registries/registries-section';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Settings' };

/** A thin list of sections; each section is its own component. */
export default function Page() {
  return (
    <div className="flex max-w-4xl flex-col gap-4 p-4 md:p-6">
      <PageHeader
        title="Settings"
        description="Berth-wide options."
        actions={
          <>
            <Link href="/settings/alerts" className="text-sm underline">
              Alerts
            </Link>
            <Link href="/settings/alert-channels" className="text-sm underline">
              Alert channels
            </Link>
          </>
        }
      />
      <RegistriesSection />
      <CatalogSourcesSection />
      <GrantsSection />
      <TokensSection />
    </div>
  );
}
