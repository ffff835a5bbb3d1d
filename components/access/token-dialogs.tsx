'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import { useRef, useState } from 'react';
import { type Resolver, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import type { TokenView } from '@/lib/auth-types';
import { qk } from '@/lib/query-keys';
import { type TokenCreate, TokenCreateSchema } from '@/lib/schemas/auth';
import { accessApi } from './api';
import { applyServerIssues } from './form-errors';

type TokenForm = z.input<typeof TokenCreateSchema>;
const resolver = zodResolver(TokenCreateSchema) as unknown as Resolver<TokenForm, unknown, TokenCreate>;

/** Create a token; on success the caller shows the secret once (NewTokenDialog). */
export function CreateTokenDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (token: string, info: TokenView) => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create API token" description="The token acts as you, with your roles, until it expires or you revoke it.">
      <CreateTokenForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function CreateTokenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (token: string, info: TokenView) => void }) {
  const client = useQueryClient();
  const { register, handleSubmit, setError, formState } = useForm<TokenForm, unknown, TokenCreate>({
    resolver,
    defaultValues: { name: '', expiresInDays: undefined },
  });
  const m = useMutation({
    mutationFn: accessApi.createToken,
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: qk.tokens });
      onCreated(r.token, r.info);
    },
    onError: (e) => applyServerIssues<TokenForm>(e, ['name', 'expiresInDays'], setError),
  });
  const err = formState.errors;
  return (
    <form onSubmit={handleSubmit((v) => m.mutate(v))} noValidate className="flex flex-col gap-4" data-testid="token-form">
      <Field id="token-name" label="Name" error={err.name?.message} hint="Where it is used, e.g. “CI deploys”.">
        <input id="token-name" autoFocus autoComplete="off" className={inputClass} {...register('name')} {...describedBy('token-name', err.name?.message)} />
      </Field>
      <Field id="token-expiry" label="Expires after (days)" error={err.expiresInDays?.message} hint="Leave empty for a token that does not expire.">
        <input
          id="token-expiry"
          type="number"
          min={1}
          max={3650}
          inputMode="numeric"
          className={inputClass}
          {...register('expiresInDays', { setValueAs: (v: string) => (v === '' || v == null ? undefined : Number(v)) })}
          {...describedBy('token-expiry', err.expiresInDays?.message)}
        />
      </Field>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Create token" />
    </form>
  );
}

/** The secret, once: Berth stores only its hash, so closing this dialog is the last chance to copy it. */
export function NewTokenDialog({ created, onClose }: { created: { token: string; info: TokenView } | null; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
    } catch {
      // No clipboard API outside secure contexts (plain HTTP on a LAN address): fall back to the selection.
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Dialog open={Boolean(created)} onClose={close} title={`Token “${created?.info.name ?? ''}” created`} className="max-w-lg">
      <div className="flex flex-col gap-3 text-sm">
        <Alert tone="warning">Copy it now: this token will not be shown again. Berth keeps only a hash of it.</Alert>
        <div className="flex gap-2">
          <input
            ref={input}
            readOnly
            aria-label="New API token"
            data-testid="new-token"
            value={created?.token ?? ''}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} font-mono text-xs`}
          />
          <Button onClick={() => void copy()} aria-label="Copy token">
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Send it as a Bearer token, never in a query string:</p>
        <pre className="overflow-x-auto rounded bg-zinc-100 px-2 py-1.5 font-mono text-xs dark:bg-zinc-800">{`curl -H "Authorization: Bearer ${created?.info.prefix ?? ''}…" ${typeof window === 'undefined' ? 'http://<berth>' : window.location.origin}/api/v1/hosts`}</pre>
      </div>
      <DialogActions>
        <Button variant="primary" onClick={close}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
