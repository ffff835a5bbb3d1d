'use client';

import Link from 'next/link';
import { useHosts } from '@/lib/live';

/** The way back from a stack page, and the host it runs on (stack names repeat across hosts). */
export function StackCrumbs({ hostId }: { hostId: string }) {
  const { data: hosts } = useHosts();
  const host = hosts?.find((h) => h.id === hostId);
  return (
    <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-2 text-sm text-zinc-500">
      <Link href="/stacks" className="hover:underline">
        ‹ All stacks
      </Link>
      <span aria-hidden>·</span>
      <span data-testid="stack-host">
        on{' '}
        <Link href={`/hosts/${encodeURIComponent(hostId)}`} className="text-accent hover:underline">
          {host?.name ?? hostId}
        </Link>
      </span>
    </nav>
  );
}
