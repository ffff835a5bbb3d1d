'use client';

import { useMutation } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api-client';
import type { HostFormValues } from './host-form-model';
import { TextInput } from './form-controls';

/**
 * Trust on first use, made explicit: Berth reads the server's host key, the user compares it with what the server's
 * owner says (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`), and only a confirmed fingerprint is saved.
 */
export function FingerprintField() {
  const { getValues, setValue, trigger, control } = useFormContext<HostFormValues>();
  const current = useWatch({ control, name: 'fingerprint' });
  const probe = useMutation({
    mutationFn: async () => {
      if (!(await trigger(['host', 'port']))) throw new Error('Enter a valid address and port first');
      const { host, port } = getValues();
      return api.sshFingerprint(host.trim(), Number(port) || 22);
    },
  });
  const fetched = probe.data?.fingerprint;

  return (
    <div className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => probe.mutate()} pending={probe.isPending}>
          {probe.isPending ? null : <KeyRound aria-hidden />}
          Fetch host key
        </Button>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Reads the server&apos;s SSH host key; no credentials are sent.</span>
      </div>
      <div aria-live="polite" className="flex flex-col gap-2">
        {probe.error ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{probe.error.message}</p> : null}
        {fetched ? (
          <div className="flex flex-col gap-1.5">
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              The server presented this key:{' '}
              <code data-testid="fetched-fingerprint" className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">
                {fetched}
              </code>
            </p>
            <div className="flex items-center gap-2">
              <input
                id="host-fingerprint-confirm"
                type="checkbox"
                className="size-4 accent-(--color-accent)"
                checked={current === fetched}
                onChange={(e) => setValue('fingerprint', e.target.checked ? fetched : '', { shouldDirty: true, shouldValidate: true, shouldTouch: true })}
              />
              <label htmlFor="host-fingerprint-confirm" className="text-sm font-medium">
                I have checked this fingerprint
              </label>
            </div>
          </div>
        ) : null}
      </div>
      <TextInput name="fingerprint" label="Host key fingerprint" placeholder="SHA256:…" />
    </div>
  );
}
