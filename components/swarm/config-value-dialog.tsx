'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { ViewLoading } from '@/components/ui/view-loading';
import { qk } from '@/lib/query-keys';
import { secretsApi } from './secrets-api';

/** A config's value (configs are not secret; a secret has no such view: its value is never returned). */
function ConfigValue({ hostId, id }: { hostId: string; id: string }) {
  const q = useQuery({ queryKey: qk.swarmConfig(hostId, id), queryFn: () => secretsApi.config(hostId, id), staleTime: 0, gcTime: 0 });
  if (q.error) return <Alert tone="error">{q.error.message}</Alert>;
  if (!q.data) return <ViewLoading what="config" />;
  return (
    <div className="flex flex-col gap-2">
      {q.data.encoding === 'base64' ? <p className="text-xs text-zinc-500">Not text: shown as base64.</p> : null}
      <pre
        data-testid="config-value"
        className="max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-950"
      >
        {q.data.data}
      </pre>
    </div>
  );
}

export function ConfigValueDialog({ hostId, config, onClose }: { hostId: string; config: { id: string; name: string } | null; onClose: () => void }) {
  return (
    <Dialog open={Boolean(config)} onClose={onClose} title={`Config ${config?.name ?? ''}`} description="Its value, as the services it is attached to see it">
      {config ? <ConfigValue hostId={hostId} id={config.id} /> : null}
    </Dialog>
  );
}
