'use client';

import { useMutation } from '@tanstack/react-query';
import { Unplug } from 'lucide-react';
import { type FormEvent, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { Muted } from '@/components/ui/kv';
import { useToast } from '@/components/ui/toast';
import { useContainers } from '@/lib/live';
import { NetworkConnectSchema } from '@/lib/schemas/networks';
import type { NetworkSummary } from '@/lib/types';
import { networksApi } from './api';

interface Props {
  network: NetworkSummary;
  onClose: () => void;
  onDone: () => void;
}

/** The containers on a network: disconnect those attached, connect another (from the live list of that host). */
export function ConnectDialog({ network, onClose, onDone }: Props) {
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Containers on ${network.name}`}
      description={`${network.driver} network${network.ipam[0]?.subnet ? ` · ${network.ipam[0].subnet}` : ''}`}
      className="max-w-lg"
    >
      <Attached network={network} onDone={onDone} />
      <ConnectForm network={network} onClose={onClose} onDone={onDone} />
    </Dialog>
  );
}

function Attached({ network, onDone }: Omit<Props, 'onClose'>) {
  const toast = useToast();
  const m = useMutation({
    mutationFn: (container: string) => networksApi.disconnect(network.hostId, network.id, { container, force: false }),
    onSuccess: (r) => {
      toast('success', r.message);
      onDone();
    },
  });
  return (
    <div className="mb-5 flex flex-col gap-2" data-testid="network-attached">
      <h3 className="text-sm font-semibold">Attached</h3>
      {network.containers.length === 0 ? <Muted>No containers.</Muted> : null}
      <ul className="flex flex-col divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {network.containers.map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-2 py-1.5" data-name={c.name}>
            <span>
              {c.name}{' '}
              <span className="text-xs text-zinc-500">
                ({c.state}
                {c.ipAddress ? ` · ${c.ipAddress}` : ''})
              </span>
            </span>
            <Button size="sm" onClick={() => m.mutate(c.id)} pending={m.isPending && m.variables === c.id} aria-label={`Disconnect ${c.name}`}>
              <Unplug aria-hidden /> Disconnect
            </Button>
          </li>
        ))}
      </ul>
      {m.error ? (
        <Alert tone="error" role="alert">
          {m.error.message}
        </Alert>
      ) : null}
    </div>
  );
}

function ConnectForm({ network, onClose, onDone }: Props) {
  const toast = useToast();
  const containers = useContainers();
  const choices = useMemo(() => {
    const attached = new Set(network.containers.map((c) => c.id));
    return (containers.data ?? []).filter((c) => c.hostId === network.hostId && !attached.has(c.id)).sort((a, b) => a.name.localeCompare(b.name));
  }, [containers.data, network]);
  const [container, setContainer] = useState('');
  const [aliases, setAliases] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const m = useMutation({
    mutationFn: (input: { container: string; aliases: string[] }) => networksApi.connect(network.hostId, network.id, input),
    onSuccess: (r) => {
      toast('success', r.message);
      setContainer('');
      setAliases('');
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = NetworkConnectSchema.safeParse({ container, aliases: aliases.split(/[\s,]+/).filter(Boolean) });
    if (!r.success) return setProblem(r.error.issues[0]?.message);
    setProblem(undefined);
    m.mutate(r.data);
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">Connect a container</h3>
      <Field id="connect-container" label="Container">
        <select id="connect-container" value={container} onChange={(e) => setContainer(e.target.value)} className={selectClass}>
          <option value="">Choose…</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.state})
            </option>
          ))}
        </select>
      </Field>
      <Field id="connect-aliases" label="Aliases" error={problem} hint="Optional, separated by commas: other names the container answers to on this network.">
        <input
          id="connect-aliases"
          value={aliases}
          onChange={(e) => setAliases(e.target.value)}
          className={inputClass}
          placeholder="db, primary"
          autoComplete="off"
          spellCheck={false}
          {...describedBy('connect-aliases', problem)}
        />
      </Field>
      {m.error ? (
        <Alert tone="error" role="alert">
          {m.error.message}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button type="submit" variant="primary" pending={m.isPending} disabled={!container}>
          Connect
        </Button>
      </DialogActions>
    </form>
  );
}
