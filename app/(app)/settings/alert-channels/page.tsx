import type { Metadata } from 'next';
import Link from 'next/link';
import { ChannelList } from '@/components/alerts/channel-list';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Alert channels · Settings' };

/** Settings › Alert channels: its own page, as the list, the form and the delivery log would crowd Settings. */
export default function Page() {
  return (
    <div className="flex max-w-5xl flex-col gap-4 p-4 md:p-6">
      <PageHeader
        title="Alert channels"
        description={
          <>
            Where alerts are sent: webhooks, Slack, Discord, ntfy and email.{' '}
            <Link href="/settings" className="underline">
              Back to Settings
            </Link>
          </>
        }
      />
      <ChannelList />
    </div>
  );
}
