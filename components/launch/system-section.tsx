'use client';

import { useFormState, useWatch } from 'react-hook-form';
import { describeAdvanced } from '@/lib/schemas/launch-advanced-text';
import { CheckField, Section, TextField } from './fields';
import type { LaunchFormValues } from './form-model';

const FIELDS = ['dns', 'dnsSearch', 'dnsOptions', 'extraHosts', 'tmpfs', 'logDriver', 'logOptions', 'ulimits'] as const;

/** DNS, /etc/hosts entries, tmpfs mounts, the log driver, ulimits, init and a read-only root filesystem. */
export function SystemSection() {
  const { errors } = useFormState<LaunchFormValues>();
  const values = useWatch<LaunchFormValues>({ name: [...FIELDS, 'init', 'readOnly'] }) as (string | boolean)[];
  const set = values.filter(Boolean).length;
  const open = FIELDS.some((f) => errors[f] !== undefined) || set > 0;
  return (
    <Section title="DNS, hosts, tmpfs, logging and ulimits" summary={set ? `${set} set` : undefined} open={open} testId="launch-section-system">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="dns" label="DNS servers" placeholder="Docker's default (e.g. 1.1.1.1, 9.9.9.9)" mono />
        <TextField name="dnsSearch" label="DNS search domains" placeholder="corp.example" mono />
        <TextField name="dnsOptions" label="DNS options" placeholder="ndots:2" mono />
      </div>
      <TextField
        name="extraHosts"
        label="Extra hosts"
        placeholder="db.local:10.0.0.5 gw:host-gateway"
        mono
        hint="Added to /etc/hosts, as name:address separated by spaces."
      />
      <TextField
        name="tmpfs"
        label="Tmpfs mounts"
        placeholder="/run:size=64m,mode=1777 /tmp"
        mono
        hint="In-memory mounts, as path[:options] separated by spaces."
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="logDriver" label="Log driver" placeholder="the host's default" mono />
        <TextField name="logOptions" label="Log options" placeholder="max-size=10m max-file=3" mono className="sm:col-span-2" />
      </div>
      <TextField name="ulimits" label="Ulimits" placeholder="nofile=1024:2048 nproc=512" mono hint="name=soft[:hard], separated by spaces." />
      <div className="grid gap-2 sm:grid-cols-2">
        <CheckField name="init" label="Run an init process" hint="Reaps zombies and forwards signals (docker run --init)." />
        <CheckField name="readOnly" label="Read-only root filesystem" hint="Writes only to volumes and tmpfs mounts." />
      </div>
    </Section>
  );
}

/** The Engine settings this form does not edit, shown so it is plain they are kept as they are. */
export function KeptSection() {
  const advanced = useWatch<LaunchFormValues, 'advanced'>({ name: 'advanced' });
  const lines = advanced ? describeAdvanced(advanced) : [];
  if (!lines.length) return null;
  return (
    <Section
      title="Kept as is"
      summary={`${lines.length} other setting${lines.length === 1 ? '' : 's'} from the existing container`}
      testId="launch-section-kept"
    >
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Settings this form does not edit. They are carried over unchanged (and still checked by the access policy).
      </p>
      <ul className="flex flex-col gap-0.5 font-mono text-xs break-all" data-testid="launch-kept">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </Section>
  );
}
