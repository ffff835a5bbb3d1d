'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * The host the user is looking at ("All hosts" when null). It lives in the URL as ?host=<id>, so a link or a reload
 * shows the same view, and the sidebar carries it from page to page.
 */
export function useHostScope() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const hostId = params.get('host') || null;

  const setHost = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (id) next.set('host', id);
      else next.delete('host');
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  const withHost = useCallback((href: string) => (hostId ? `${href}?host=${encodeURIComponent(hostId)}` : href), [hostId]);

  return { hostId, setHost, withHost };
}

/** ?host= takes an id, or a name for hand-written links such as /containers?host=web-1. */
export function resolveHost<T extends { id: string; name: string }>(param: string | null, hosts: T[]): T | undefined {
  if (!param) return undefined;
  return hosts.find((h) => h.id === param) ?? hosts.find((h) => h.name === param);
}
