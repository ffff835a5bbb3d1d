'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Check } from '@/components/ui/confirm-dialog';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { type FieldErrors, type Pair, serverErrors, toMap, zodErrors } from '@/components/ui/form-model';
import { KeyValueEditor } from '@/components/ui/kv-editor';
import { HostSelectField } from '@/components/ui/resource-scope';
import { useToast } from '@/components/ui/toast';
import { NETWORK_DRIVERS, type NetworkCreate, NetworkCreateSchema } from '@/lib/schemas/networks';
import type { HostView } from '@/lib/types';
import { networksApi } from './api';

interface Props {
  open: boolean;
  host?: HostView;
  hosts: HostView[];
  defaultHost: string;
  onClose: () => void;
  onDone: (hostId: string) => void;
}

type Driver = (typeof NETWORK_DRIVERS)[number];

export function CreateNetworkDialog({ open, onClose, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title="Create network" description={rest.host ? `On host ${rest.host.name}.` : undefined} className="max-w-lg">
      <CreateNetworkForm onClose={onClose} {...rest} />
    </Dialog>
  );
}

function Text({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className={inputClass}
        autoComplete="off"
        spellCheck={false}
        {...describedBy(id, error)}
      />
    </Field>
  );
}

function CreateNetworkForm({ host, hosts, defaultHost, onClose, onDone }: Omit<Props, 'open'>) {
  const toast = useToast();
  const [hostId, setHostId] = useState(host?.id ?? defaultHost);
  const [v, setV] = useState({ name: '', driver: 'bridge' as Driver, subnet: '', gateway: '', parent: '', internal: false, attachable: false });
  const [labels, setLabels] = useState<Pair[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const m = useMutation({
    mutationFn: (input: NetworkCreate) => networksApi.create(hostId, input),
    onSuccess: (n) => {
      toast('success', `Created network ${n.name}${n.ipam[0]?.subnet ? ` (${n.ipam[0].subnet})` : ''}`);
      onDone(hostId);
      onClose();
    },
    onError: (e) => setErrors(serverErrors(e)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => s.trim() || undefined;
    const r = NetworkCreateSchema.safeParse({
      name: v.name.trim(),
      driver: v.driver,
      subnet: opt(v.subnet),
      gateway: opt(v.gateway),
      parent: v.driver === 'macvlan' ? opt(v.parent) : undefined,
      internal: v.internal,
      attachable: v.attachable,
      labels: toMap(labels),
    });
    if (!r.success) return setErrors(zodErrors(r.error));
    setErrors({});
    m.mutate(r.data);
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="network-form">
      {host ? null : <HostSelectField hosts={hosts} value={hostId} onChange={setHostId} />}
      <Text id="network-name" label="Name" value={v.name} onChange={(name) => set({ name })} error={errors.name} placeholder="app-net" />
      <Field
        id="network-driver"
        label="Driver"
        error={errors.driver}
        hint={v.driver === 'overlay' ? 'Overlay networks need the host to be a swarm manager.' : undefined}
      >
        <select id="network-driver" value={v.driver} onChange={(e) => set({ driver: e.target.value as Driver })} className={selectClass}>
          {NETWORK_DRIVERS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Text
          id="network-subnet"
          label="Subnet"
          value={v.subnet}
          onChange={(subnet) => set({ subnet })}
          error={errors.subnet}
          placeholder="172.28.0.0/16"
          hint="Optional: the Engine picks one."
        />
        <Text
          id="network-gateway"
          label="Gateway"
          value={v.gateway}
          onChange={(gateway) => set({ gateway })}
          error={errors.gateway}
          placeholder="172.28.0.1"
          hint="Optional; needs a subnet."
        />
      </div>
      {v.driver === 'macvlan' ? (
        <Text id="network-parent" label="Parent interface" value={v.parent} onChange={(parent) => set({ parent })} error={errors.parent} placeholder="eth0" />
      ) : null}
      <div className="flex flex-col gap-2">
        <Check id="network-internal" label="Internal" checked={v.internal} onChange={(internal) => set({ internal })} hint="No route to the outside world." />
        <Check
          id="network-attachable"
          label="Attachable"
          checked={v.attachable}
          onChange={(attachable) => set({ attachable })}
          hint="Standalone containers may join (overlay networks)."
        />
      </div>
      <KeyValueEditor id="network-label" label="Labels" rows={labels} onChange={setLabels} error={errors.labels} />
      <DialogFooter
        error={m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel="Create network"
        submitDisabled={!hostId}
        errorTestId="network-form-error"
      />
    </form>
  );
}
