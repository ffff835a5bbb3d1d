'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { useLiveConnection } from '@/lib/live';
import { qk } from '@/lib/query-keys';

function makeClient() {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false },
      mutations: { retry: 0 },
    },
  });
  // The live stream owns these two: never stale, and never dropped while no page happens to be watching them.
  client.setQueryDefaults(qk.containers, { staleTime: Infinity, gcTime: Infinity });
  client.setQueryDefaults(qk.hosts, { staleTime: Infinity, gcTime: Infinity });
  return client;
}

/**
 * The tab's live stream. Mounted by the signed-in layout (app/(app)/layout.tsx), not here: on the sign-in and setup
 * pages there is no session, and the stream would only be refused (a 401 in the log on every visit).
 */
export function LiveConnection() {
  useLiveConnection();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
