'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatBytes, formatDateTime } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import { plural } from '@/lib/words';
import { stacksApi } from './api';

/**
 * The stack's folder: the project folder uploaded once as a .tar / .tar.gz, which `build: ./dir` builds from. Shows
 * what is stored (name, size, time, file count), never the files' content.
 */
export function FolderPanel({ hostId, name }: { hostId: string; name: string }) {
  const key = qk.stackFolder(hostId, name);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: () => stacksApi.folder(hostId, name) });
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'upload' | null>(null);
  const [removeOpen, setRemoveOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: 'upload', fn: () => Promise<unknown>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  const folder = q.data;
  return (
    <Card title="Stack folder">
      <div className="flex flex-col gap-2 text-sm" data-testid="stack-folder">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Upload your project folder as a .tar or .tar.gz (at most 64 MiB, e.g. <code>tar -czf stack.tar.gz -C myproject .</code>): services with{' '}
          <code>build: ./dir</code> build from it.
        </p>
        {folder ? (
          <p data-testid="stack-folder-info">
            <span className="font-mono text-xs">{folder.name}</span> · {formatBytes(folder.size)} · {plural(folder.fileCount, 'file')} · uploaded{' '}
            {formatDateTime(folder.uploadedAt)}
          </p>
        ) : (
          <EmptyState>{q.isPending ? 'Loading…' : 'No folder uploaded.'}</EmptyState>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <label className="text-xs" htmlFor="stack-folder-file">
            Archive
          </label>
          <input
            id="stack-folder-file"
            ref={input}
            type="file"
            accept=".tar,.tar.gz,.tgz,application/gzip,application/x-tar"
            className="text-xs"
            disabled={!!busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void run('upload', () => stacksApi.uploadFolder(hostId, name, file));
            }}
          />
          {busy === 'upload' ? <span className="text-xs text-zinc-500">Uploading…</span> : null}
          {folder ? (
            <Button size="sm" variant="danger" disabled={!!busy} onClick={() => setRemoveOpen(true)}>
              Remove
            </Button>
          ) : null}
        </div>
        {error ? (
          <Alert tone="error" role="alert">
            {error}
          </Alert>
        ) : null}
      </div>
      <ConfirmDialog
        open={removeOpen}
        onClose={() => setRemoveOpen(false)}
        title={`Remove the folder of ${name}?`}
        description="Builds and env files that come from it fail until another folder is uploaded. Running containers are not touched."
        confirmLabel="Remove folder"
        run={async () => {
          await stacksApi.removeFolder(hostId, name);
          return { message: `Folder of ${name} removed` };
        }}
        onDone={() => void qc.invalidateQueries({ queryKey: key })}
      />
    </Card>
  );
}
