'use client';

import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { Section } from '@/components/launch/fields';
import { HealthTimings } from '@/components/launch/sections';
import { CheckField, KeyValueRows, RowInput, Rows, SelectField, TextField } from './service-form-fields';
import type { ServiceFormValues } from './service-form-model';

/** The service form's sections, grouped as the launch form groups a container's settings. */

/** Whether any of these fields has an error: that section opens so the message is seen. */
function useOpen(...names: (keyof ServiceFormValues)[]): boolean {
  const { errors } = useFormState<ServiceFormValues>();
  return names.some((n) => errors[n] !== undefined);
}

export function GeneralSection({ edit }: { edit: boolean }) {
  const { control } = useFormContext<ServiceFormValues>();
  const mode = useWatch({ control, name: 'mode' });
  return (
    <Section title="General" open testId="service-general">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="name"
          label="Service name"
          placeholder="web"
          readOnly={edit}
          hint={edit ? 'Docker cannot rename a service' : 'a DNS name in the swarm: letters, digits, - and _'}
        />
        <TextField name="image" label="Image" placeholder="nginx:1.27" />
        <TextField name="command" label="Command" placeholder="httpd -f -p 8080" hint="split like shell words, never run by a shell; empty: the image's" />
        <TextField name="entrypoint" label="Entrypoint" placeholder="(the image's)" />
        <SelectField
          name="mode"
          label="Mode"
          options={['replicated', 'global']}
          hint={edit ? 'Docker cannot change the mode of a service' : 'global: one task on every eligible node'}
        />
        {mode === 'replicated' ? <TextField name="replicas" label="Replicas" placeholder="1" /> : null}
      </div>
    </Section>
  );
}

export function EnvSection() {
  return (
    <Section title="Environment" open={useOpen('env') || undefined}>
      <KeyValueRows name="env" what="variable" keyHint="NAME" />
    </Section>
  );
}

export function PortsSection() {
  return (
    <Section title="Ports" open testId="service-ports">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Host mode publishes on the nodes running a task; ingress publishes on every node through the routing mesh, which needs IPVS in the kernel.
      </p>
      <Rows name="ports" what="port" blank={{ target: '', published: '', protocol: 'tcp', mode: 'host' }}>
        {(i) => (
          <>
            <RowInput name={`ports.${i}.published`} label={`Port ${i + 1} published port`} placeholder="published (empty: any)" className="w-40" />
            <span className="pt-1.5 text-zinc-400">→</span>
            <RowInput name={`ports.${i}.target`} label={`Port ${i + 1} container port`} placeholder="container port" className="w-32" />
            <RowInput name={`ports.${i}.protocol`} label={`Port ${i + 1} protocol`} options={['tcp', 'udp', 'sctp']} className="w-20" />
            <RowInput name={`ports.${i}.mode`} label={`Port ${i + 1} mode`} options={['host', 'ingress']} className="w-24" />
          </>
        )}
      </Rows>
      <SelectField
        name="endpointMode"
        label="Endpoint mode"
        options={['vip', 'dnsrr']}
        className="sm:w-60"
        hint="dnsrr: DNS answers with every task (no virtual IP, no IPVS needed)"
      />
    </Section>
  );
}

export function MountsSection() {
  return (
    <Section title="Mounts" open={useOpen('mounts') || undefined}>
      <Rows name="mounts" what="mount" blank={{ type: 'volume', source: '', target: '', readOnly: false, tmpfsSize: '' }}>
        {(i) => (
          <>
            <RowInput name={`mounts.${i}.type`} label={`Mount ${i + 1} type`} options={['volume', 'bind', 'tmpfs']} className="w-24" />
            <RowInput name={`mounts.${i}.source`} label={`Mount ${i + 1} source`} placeholder="volume name or host path" className="flex-1" />
            <RowInput name={`mounts.${i}.target`} label={`Mount ${i + 1} path in the container`} placeholder="/data" className="flex-1" />
            <RowInput name={`mounts.${i}.tmpfsSize`} label={`Mount ${i + 1} tmpfs size`} placeholder="size (tmpfs)" className="w-24" />
          </>
        )}
      </Rows>
    </Section>
  );
}

export function NetworksSection() {
  return (
    <Section title="Networks" open={useOpen('networks') || undefined}>
      <Rows name="networks" what="network" blank={{ name: '', aliases: '' }}>
        {(i) => (
          <>
            <RowInput name={`networks.${i}.name`} label={`Network ${i + 1} name`} placeholder="an overlay network" className="flex-1" />
            <RowInput name={`networks.${i}.aliases`} label={`Network ${i + 1} aliases`} placeholder="aliases, comma-separated" className="flex-1" />
          </>
        )}
      </Rows>
    </Section>
  );
}

export function PlacementSection() {
  return (
    <Section title="Placement" open={useOpen('constraints', 'preferences') || undefined}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="constraints"
          label="Constraints (one per line)"
          area
          placeholder="node.labels.zone==east"
          hint="node.role, node.hostname, node.id, node.labels.KEY, engine.labels.KEY with == or !="
        />
        <TextField name="preferences" label="Preferences (one per line)" area placeholder="spread=node.labels.zone" />
      </div>
    </Section>
  );
}

function Rollout({ which, actions }: { which: 'update' | 'rollback'; actions: string[] }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField name={`${which}.parallelism`} label="Parallelism" placeholder="1" hint="tasks at a time (0: all)" />
      <TextField name={`${which}.delay`} label="Delay" placeholder="10s" />
      <SelectField name={`${which}.failureAction`} label="On failure" options={actions} />
      <TextField name={`${which}.monitor`} label="Monitor" placeholder="5s" hint="how long a new task is watched" />
      <TextField name={`${which}.maxFailureRatio`} label="Max failure ratio" placeholder="0" />
      <SelectField name={`${which}.order`} label="Order" options={['stop-first', 'start-first']} />
    </div>
  );
}

export function RolloutSection() {
  return (
    <Section title="Update and rollback" open={useOpen('update', 'rollback', 'restart') || undefined}>
      <p className="text-xs font-medium">Rolling update</p>
      <Rollout which="update" actions={['pause', 'continue', 'rollback']} />
      <p className="text-xs font-medium">Rollback</p>
      <Rollout which="rollback" actions={['pause', 'continue']} />
      <p className="text-xs font-medium">Restart policy</p>
      <div className="grid gap-3 sm:grid-cols-4">
        <SelectField name="restart.condition" label="Condition" options={['any', 'on-failure', 'none']} />
        <TextField name="restart.delay" label="Delay" placeholder="5s" />
        <TextField name="restart.maxAttempts" label="Max attempts" placeholder="unlimited" />
        <TextField name="restart.window" label="Window" placeholder="1m" />
      </div>
    </Section>
  );
}

export function ResourcesSection() {
  return (
    <Section title="Resources and healthcheck" open={useOpen('resources', 'healthcheck') || undefined}>
      <div className="grid gap-3 sm:grid-cols-4">
        <TextField name="resources.cpuLimit" label="CPU limit" placeholder="0.5" />
        <TextField name="resources.memoryLimit" label="Memory limit" placeholder="256m" />
        <TextField name="resources.cpuReservation" label="CPU reservation" placeholder="0.25" />
        <TextField name="resources.memoryReservation" label="Memory reservation" placeholder="128m" />
      </div>
      <div className="grid gap-3 sm:grid-cols-5">
        <TextField name="healthcheck.command" label="Healthcheck command" placeholder="wget -q --spider http://localhost/" className="sm:col-span-5" />
        <HealthTimings Text={TextField} />
      </div>
    </Section>
  );
}

export function RunSection() {
  return (
    <Section
      title="Runtime"
      open={useOpen('workingDir', 'user', 'hostname', 'capAdd', 'capDrop', 'sysctls', 'privileges', 'stopGracePeriod', 'labels') || undefined}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="workingDir" label="Working directory" placeholder="/app" />
        <TextField name="user" label="User" placeholder="1000:1000" />
        <TextField name="hostname" label="Hostname" placeholder="{{.Task.Name}}" />
        <TextField name="capAdd" label="Add capabilities" placeholder="NET_ADMIN" />
        <TextField name="capDrop" label="Drop capabilities" placeholder="ALL" />
        <TextField name="stopGracePeriod" label="Stop grace period" placeholder="10s" />
        <SelectField name="privileges.seccomp" label="Seccomp" options={['default', 'unconfined']} hint="Engine 25+; unconfined is for admins" />
        <SelectField name="privileges.appArmor" label="AppArmor" options={['default', 'disabled']} hint="Engine 25+; disabled is for admins" />
      </div>
      <div className="flex flex-wrap gap-4">
        <CheckField name="privileges.noNewPrivileges" label="No new privileges" />
        <CheckField name="init" label="Run an init process" />
        <CheckField name="readOnly" label="Read-only root filesystem" />
        <CheckField name="tty" label="TTY" />
      </div>
      <p className="text-xs font-medium">Sysctls</p>
      <KeyValueRows name="sysctls" what="sysctl" keyHint="net.core.somaxconn" />
      <p className="text-xs font-medium">Service labels</p>
      <KeyValueRows name="labels" what="label" keyHint="key" />
    </Section>
  );
}
