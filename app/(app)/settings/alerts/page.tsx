import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertsSettings } from '@/components/alerts/alerts-settings';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Alerts · Settings' };

/** Settings › Alerts: its own page, as rules, windows and the history would crowd Settings. */
export default function Page() {
  return (
    <div className="flex max-w-5xl flex-col gap-4 p-4 md:p-6">
      <PageHeader
        title="Alerts"
        description={
          <>
            Rules that watch containers, hosts, stacks and disks; maintenance windows; what fired.{' '}
            <Link href="/settings/alert-channels" className="underline">
              Alert channels
            </Link>{' '}
            ·{' '}
            <Link href="/settings" className="underline">
              Back to Settings
            </Link>
          </>
        }
      />
      <AlertsSettings />
    </div>
  );
}
