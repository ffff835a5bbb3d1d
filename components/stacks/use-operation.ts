'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OperationView } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';

/** Follows one operation (polling twice a second while it runs) and refreshes the stack when it ends. */
export function useOperation(hostId: string, name: string, initial: OperationView | null) {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: qk.stackOperation(hostId, name, initial?.id ?? ''),
    queryFn: () => stacksApi.operation(hostId, name, initial!.id),
    enabled: Boolean(initial),
    initialData: initial ?? undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
  const status = q.data?.status;
  useEffect(() => {
    if (status && status !== 'running') {
      void client.invalidateQueries({ queryKey: qk.stack(hostId, name) });
      void client.invalidateQueries({ queryKey: qk.stacks(hostId) });
      void client.invalidateQueries({ queryKey: qk.stackVersions(hostId, name) });
      // a catalog upgrade adds generated passwords to the stored .env; the editor's untouched draft follows it
      void client.invalidateQueries({ queryKey: qk.stackEnv(hostId, name) });
      // an upgrade that just ended shows Finish and Rollback now, not at the pending query's next poll
      void client.invalidateQueries({ queryKey: qk.stackUpgrade(hostId, name) });
    }
  }, [status, client, hostId, name]);
  return q.data ?? null;
}
