'use client';

import type { ComponentType } from 'react';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { rememberHost } from '@/components/shell/remembered-host';
import { Field, selectClass } from '@/components/ui/field';
import type { HostView } from '@/lib/types';
import { CheckField, idOf, Section, TextField } from './fields';
import type { LaunchFormValues } from './form-model';
import { ImageField } from './image-field';
import { EnvRows, LabelRows, NetworkRows, PortRows, VolumeRows } from './row-sections';

const RESTART = [
  ['no', 'Never'],
  ['always', 'Always'],
  ['unless-stopped', 'Unless stopped'],
  ['on-failure', 'On failure'],
] as const;

/** Opens a section when one of its fields has an error, so the message is never hidden in a closed section. */
function useHasError(...names: (keyof LaunchFormValues)[]): boolean {
  const { errors } = useFormState<LaunchFormValues>();
  return names.some((n) => errors[n] !== undefined);
}

export function GeneralSection({ hosts, lockHost, recreate }: { hosts: HostView[]; lockHost: boolean; recreate: boolean }) {
  const { register, getValues } = useFormContext<LaunchFormValues>();
  return (
    <Section title="Container" open testId="launch-section-general">
      {lockHost ? (
        <p className="text-sm">
          Host <span className="font-medium">{hosts.find((h) => h.id === getValues('hostId'))?.name ?? getValues('hostId')}</span>
        </p>
      ) : (
        <Field id={idOf('hostId')} label="Host">
          <select id={idOf('hostId')} className={selectClass} {...register('hostId', { onChange: (e) => rememberHost(e.target.value) })}>
            {hosts.map((h) => (
              <option key={h.id} value={h.id} disabled={h.status === 'offline'}>
                {h.name}
                {h.status === 'offline' ? ' (offline)' : ''}
              </option>
            ))}
          </select>
        </Field>
      )}
      <ImageField />
      {recreate ? null : <TextField name="name" label="Name" placeholder="shop-web" hint="Leave empty and Docker picks a name." />}
      <TextField
        name="command"
        label="Command"
        placeholder="image default"
        mono
        hint='Words are split like a shell splits them (quotes work), then passed as arguments: no shell runs them. Use sh -c "…" for pipes.'
      />
    </Section>
  );
}

export function RunSection() {
  const open = useHasError('entrypoint', 'workingDir', 'user', 'hostname');
  return (
    <Section title="Entrypoint, user and working directory" open={open}>
      <TextField name="entrypoint" label="Entrypoint" placeholder="image default" mono />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="workingDir" label="Working directory" placeholder="/app" mono />
        <TextField name="user" label="User" placeholder="1000:1000" mono />
        <TextField name="hostname" label="Hostname" placeholder="container id" mono />
      </div>
    </Section>
  );
}

export function RowsSection({ name, title, defaultOpen }: { name: 'env' | 'ports' | 'volumes' | 'networks' | 'labels'; title: string; defaultOpen?: boolean }) {
  const count = (useWatch<LaunchFormValues>({ name }) as unknown[] | undefined)?.length ?? 0;
  const open = useHasError(name);
  const Rows = { env: EnvRows, ports: PortRows, volumes: VolumeRows, networks: NetworkRows, labels: LabelRows }[name];
  return (
    <Section title={title} summary={count ? String(count) : undefined} open={defaultOpen || open || count > 0} testId={`launch-section-${name}`}>
      {name === 'networks' ? (
        <p className="text-xs text-zinc-500">The first network is joined when the container is created; none means the default bridge.</p>
      ) : null}
      <Rows />
    </Section>
  );
}

export function ResourcesSection() {
  const { register } = useFormContext<LaunchFormValues>();
  const restart = useWatch<LaunchFormValues, 'restart'>({ name: 'restart' });
  const open = useHasError('restart', 'maxRetries', 'memory', 'cpus');
  return (
    <Section title="Restart policy and limits" open={open} testId="launch-section-resources">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={idOf('restart')} label="Restart policy">
          <select id={idOf('restart')} className={selectClass} {...register('restart')}>
            {RESTART.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        {restart === 'on-failure' ? <TextField name="maxRetries" label="Max retries" placeholder="unlimited" /> : <span />}
        <TextField name="memory" label="Memory limit" placeholder="no limit (e.g. 512m, 1.5g)" />
        <TextField name="cpus" label="CPUs" placeholder="no limit (e.g. 0.5, 1.5)" />
      </div>
    </Section>
  );
}

export function HealthSection() {
  const open = useHasError('healthcheck');
  return (
    <Section title="Healthcheck" open={open}>
      <TextField
        name="healthcheck.command"
        label="Healthcheck command"
        placeholder="image default (e.g. wget -q --spider http://localhost/)"
        mono
        hint="Run as arguments inside the container; exit code 0 means healthy."
      />
      <div className="grid gap-3 sm:grid-cols-4">
        <HealthTimings />
      </div>
    </Section>
  );
}

type TimingName = 'healthcheck.interval' | 'healthcheck.timeout' | 'healthcheck.startPeriod' | 'healthcheck.retries';

/** A healthcheck's timings; the service form shows the same four through its own controls (`Text`). */
export function HealthTimings({ Text = TextField }: { Text?: ComponentType<{ name: TimingName; label: string; placeholder: string }> }) {
  return (
    <>
      <Text name="healthcheck.interval" label="Interval" placeholder="30s" />
      <Text name="healthcheck.timeout" label="Timeout" placeholder="30s" />
      <Text name="healthcheck.startPeriod" label="Start period" placeholder="0s" />
      <Text name="healthcheck.retries" label="Retries" placeholder="3" />
    </>
  );
}

export function AdvancedSection() {
  const open = useHasError('capAdd', 'capDrop');
  return (
    <Section title="Terminal, privileges and visibility" open={open}>
      <div className="grid gap-2 sm:grid-cols-2">
        <CheckField name="tty" label="Allocate a TTY" />
        <CheckField name="openStdin" label="Keep stdin open" />
        <CheckField name="privileged" label="Privileged" hint="Full access to the host: only admins may launch this." />
        <CheckField name="sensitive" label="Sensitive" hint="Viewers may not read this container's logs." />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="capAdd" label="Add capabilities" placeholder="NET_ADMIN, SYS_TIME" mono />
        <TextField name="capDrop" label="Drop capabilities" placeholder="ALL" mono />
      </div>
    </Section>
  );
}
