'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/**
 * False on the server and during hydration, true after. Views fed by the live cache render their loading state
 * until then: the cache may already hold data when React hydrates, and the server's HTML could not have had it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
