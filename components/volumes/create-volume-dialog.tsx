'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { type FieldErrors, type Pair, serverErrors, toMap, zodErrors } from '@/components/ui/form-model';
import { KeyValueEditor } from '@/components/ui/kv-editor';
import { HostSelectField } from '@/components/ui/resource-scope';
import { useToast } from '@/components/ui/toast';
import { type VolumeCreate, VolumeCreateSchema } from '@/lib/schemas/volumes';
import type { HostView } from '@/lib/types';
import { volumesApi } from './api';

interface Props {
  open: boolean;
  /** the host in scope; absent in "All hosts" view, where the form asks */
  host?: HostView;
  hosts: HostView[];
  defaultHost: string;
  onClose: () => void;
  onDone: (hostId: string) => void;
}

export function CreateVolumeDialog({ open, onClose, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title="Create volume" description={rest.host ? `On host ${rest.host.name}.` : undefined} className="max-w-lg">
      <CreateVolumeForm onClose={onClose} {...rest} />
    </Dialog>
  );
}

function CreateVolumeForm({ host, hosts, defaultHost, onClose, onDone }: Omit<Props, 'open'>) {
  const toast = useToast();
  const [hostId, setHostId] = useState(host?.id ?? defaultHost);
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [opts, setOpts] = useState<Pair[]>([]);
  const [labels, setLabels] = useState<Pair[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const m = useMutation({
    mutationFn: (input: VolumeCreate) => volumesApi.create(hostId, input),
    onSuccess: (v) => {
      toast('success', `Created volume ${v.name}`);
      onDone(hostId);
      onClose();
    },
    onError: (e) => setErrors(serverErrors(e)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = VolumeCreateSchema.safeParse({ name: name.trim() || undefined, driver: driver.trim(), driverOpts: toMap(opts), labels: toMap(labels) });
    if (!r.success) return setErrors(zodErrors(r.error));
    setErrors({});
    m.mutate(r.data);
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="volume-form">
      {host ? null : <HostSelectField hosts={hosts} value={hostId} onChange={setHostId} />}
      <Field id="volume-name" label="Name" error={errors.name} hint="Leave empty for a generated name.">
        <input
          id="volume-name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={inputClass}
          placeholder="app-data"
          autoComplete="off"
          spellCheck={false}
          {...describedBy('volume-name', errors.name)}
        />
      </Field>
      <Field id="volume-driver" label="Driver" error={errors.driver} hint="local, or an installed volume plugin such as vieux/sshfs.">
        <input
          id="volume-driver"
          value={driver}
          onChange={(e) => setDriver(e.target.value)}
          className={inputClass}
          autoComplete="off"
          spellCheck={false}
          {...describedBy('volume-driver', errors.driver)}
        />
      </Field>
      <KeyValueEditor
        id="volume-opt"
        label="Driver options"
        rows={opts}
        onChange={setOpts}
        error={errors.driverOpts}
        hint="Passed to the driver as is, e.g. type=tmpfs, device=tmpfs, o=size=64m for local."
      />
      <KeyValueEditor id="volume-label" label="Labels" rows={labels} onChange={setLabels} error={errors.labels} />
      <DialogFooter
        error={m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel="Create volume"
        submitDisabled={!hostId}
        errorTestId="volume-form-error"
      />
    </form>
  );
}
