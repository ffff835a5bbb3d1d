'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { RegistryCreateSchema, RegistryUpdateSchema } from '@/lib/schemas/registries';
import type { RegistryView } from '@/lib/types';
import { registriesApi } from './api';

/**
 * Add or edit a registry. The stored password is never sent to the browser: when editing, an empty password field
 * keeps it. "Test login" asks a host's Docker Engine to log in with what the form holds.
 */
export function RegistryDialog({ registry, onClose }: { registry?: RegistryView; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const hosts = (useHosts().data ?? []).filter((h) => h.status !== 'offline');
  const [v, setV] = useState({ name: registry?.name ?? '', address: registry?.address ?? '', username: registry?.username ?? '', password: '' });
  const [picked, setTestHost] = useState('');
  // The host list may arrive after the dialog opened: until one is picked, the first host that answers.
  const testHost = picked || hosts[0]?.id || '';
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const save = useMutation({
    mutationFn: () => {
      if (registry) return registriesApi.update(registry.id, RegistryUpdateSchema.parse({ ...v, password: v.password || undefined }));
      return registriesApi.create(RegistryCreateSchema.parse({ ...v, username: v.username || undefined, password: v.password || undefined }));
    },
    onSuccess: (r) => {
      toast('success', `${registry ? 'Saved' : 'Added'} registry ${r.name}`);
      void client.invalidateQueries({ queryKey: qk.registries });
      onClose();
    },
  });
  const test = useMutation({
    mutationFn: () =>
      registriesApi.testLogin({
        hostId: testHost,
        registryId: registry?.id,
        address: v.address || undefined,
        username: v.username || undefined,
        password: v.password || undefined,
      }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = registry
      ? RegistryUpdateSchema.safeParse(v)
      : RegistryCreateSchema.safeParse({ ...v, username: v.username || undefined, password: v.password || undefined });
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: String(i.path[0] ?? ''), message: i.message });
    }
    setProblem(null);
    save.mutate();
  };
  const err = (p: string) => (problem?.path === p ? problem.message : undefined);
  const field = (k: keyof typeof v, label: string, hint: string, extra: Record<string, unknown> = {}) => (
    <Field id={`registry-${k}`} label={label} error={err(k)} hint={hint}>
      <input
        id={`registry-${k}`}
        value={v[k]}
        onChange={set(k)}
        className={inputClass}
        autoComplete="off"
        spellCheck={false}
        {...extra}
        {...describedBy(`registry-${k}`, err(k))}
      />
    </Field>
  );

  return (
    <Dialog
      open
      onClose={onClose}
      title={registry ? `Edit registry ${registry.name}` : 'Add a registry'}
      description="Pulls from this registry use these credentials. The password is stored encrypted and never shown again."
      className="max-w-lg"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        {field('name', 'Name', 'For people, e.g. company-registry.')}
        {field('address', 'Address', 'host[:port] as image names use it, e.g. registry.example.com:5000; docker.io for Docker Hub.')}
        <div className="grid grid-cols-2 gap-3">
          {field('username', 'User name', 'Leave both empty for a registry without login.')}
          {field('password', 'Password or token', registry?.hasPassword ? 'A password is stored: leave empty to keep it.' : 'Stored encrypted.', {
            type: 'password',
            autoComplete: 'new-password',
            placeholder: registry?.hasPassword ? '(stored, not shown)' : '',
          })}
        </div>
        <div className="flex flex-wrap items-end gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <Field id="registry-test-host" label="Test the login from host" className="min-w-40 flex-1">
            <select id="registry-test-host" value={testHost} onChange={(e) => setTestHost(e.target.value)} className={selectClass}>
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </Field>
          <Button onClick={() => test.mutate()} pending={test.isPending} disabled={!testHost || !v.address}>
            Test login
          </Button>
          {test.data ? (
            <p role="status" className="w-full text-xs text-green-700 dark:text-green-400">
              {test.data.message}
            </p>
          ) : null}
          {test.error ? (
            <p role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
              {test.error.message}
            </p>
          ) : null}
        </div>
        <DialogFooter error={save.error} pending={save.isPending} onCancel={onClose} submitLabel={registry ? 'Save' : 'Add registry'} />
      </form>
    </Dialog>
  );
}
