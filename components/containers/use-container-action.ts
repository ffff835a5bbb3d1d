'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import type { ContainerAction, ContainerActionBody } from '@/lib/schemas/containers';

export interface ActionVars {
  hostId: string;
  cid: string;
  action: ContainerAction;
  body?: ContainerActionBody;
}

/**
 * Runs one container action and reports the server's own words in a toast. The list updates from the live stream
 * (the Engine's events), so nothing is patched here except the detail query, which is simply refetched.
 */
export function useContainerAction(opts: { onSuccess?: (vars: ActionVars) => void } = {}) {
  const toast = useToast();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ hostId, cid, action, body }: ActionVars) => api.containerAction(hostId, cid, action, body ?? {}),
    onSuccess: (res, vars) => {
      toast('success', res.message);
      opts.onSuccess?.(vars);
    },
    onError: (err) => toast('error', err.message),
    onSettled: (_res, _err, vars) => {
      if (vars.action !== 'remove') void client.invalidateQueries({ queryKey: qk.container(vars.hostId, vars.cid) });
    },
  });
}

export const CAN: Record<'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause', readonly string[]> = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'paused', 'restarting'],
  restart: ['running', 'paused', 'restarting'],
  kill: ['running', 'paused', 'restarting'],
  pause: ['running'],
  unpause: ['paused'],
};
