'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { qk } from '@/lib/query-keys';
import type { SwarmJoin, SwarmRole } from '@/lib/swarm-types';
import { swarmApi } from './api';

function JoinCommand({ join, onRotate, rotating }: { join: SwarmJoin; onRotate: () => void; rotating: boolean }) {
  return (
    <div className="flex flex-col gap-1.5" data-testid={`join-${join.role}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">Add a {join.role}</h3>
        <Button size="sm" variant="ghost" pending={rotating} onClick={onRotate} title={`A new ${join.role} token: the current one stops working for new joins`}>
          <RefreshCw aria-hidden />
          Rotate token
        </Button>
      </div>
      <pre
        className="overflow-x-auto rounded-md bg-zinc-100 p-2 font-mono text-xs break-all whitespace-pre-wrap select-all dark:bg-zinc-800"
        data-testid="join-command"
      >
        {join.command}
      </pre>
    </div>
  );
}

/**
 * Join commands, fetched only while this dialog is open and dropped from the cache when it closes: tokens are not
 * kept in the browser longer than they are shown.
 */
function JoinBody({ hostId }: { hostId: string }) {
  const toast = useToast();
  const q = useQuery({ queryKey: qk.swarmTokens(hostId), queryFn: () => swarmApi.tokens(hostId), gcTime: 0, staleTime: 0, retry: false });
  const rotate = useMutation({
    mutationFn: (role: SwarmRole) => swarmApi.rotate(hostId, role),
    onSuccess: (_, role) => {
      toast('success', `Rotated the ${role} join token`);
      void q.refetch();
    },
  });
  if (q.error) return <Alert tone="error">{q.error.message}</Alert>;
  if (!q.data) return <p className="text-sm text-zinc-500">Loading…</p>;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Run one of these on the machine that should join. Anyone holding a token can join that machine to this swarm: share it like a password.
      </p>
      {[q.data.worker, q.data.manager].map((j) => (
        <JoinCommand key={j.role} join={j} rotating={rotate.isPending && rotate.variables === j.role} onRotate={() => rotate.mutate(j.role)} />
      ))}
      {rotate.error ? <Alert tone="error">{rotate.error.message}</Alert> : null}
    </div>
  );
}

export function JoinDialog({ hostId, open, onClose }: { hostId: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Join command" description="Admins only; the tokens are never logged">
      {open ? <JoinBody hostId={hostId} /> : null}
    </Dialog>
  );
}
