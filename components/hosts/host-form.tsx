'use client';

import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogActions } from '@/components/ui/dialog';
import { ApiError, api } from '@/lib/api-client';
import type { HostCreate, HostUpdate } from '@/lib/schemas/hosts';
import type { HostKind, HostView } from '@/lib/types';
import { TextInput } from './form-controls';
import { createResolver, DEFAULT_PORT, emptyValues, type HostFormValues, isHostField, KIND_LABEL, updateResolver, valuesFromHost } from './host-form-model';
import { KindChooser } from './kind-chooser';
import { KindFields } from './kind-fields';

interface Props {
  /** the host being edited; absent when adding */
  host?: HostView;
  onDone: (host: HostView) => void;
  onCancel: () => void;
}

export function HostForm({ host, onDone, onCancel }: Props) {
  const initial = useMemo(() => (host ? valuesFromHost(host) : emptyValues()), [host]);
  const form = useForm<HostFormValues, unknown, HostCreate | HostUpdate>({
    defaultValues: initial,
    resolver: host ? updateResolver(initial) : createResolver,
    mode: 'onTouched',
  });
  const kind = useWatch({ control: form.control, name: 'kind' });

  const save = useMutation({
    mutationFn: (data: HostCreate | HostUpdate) => (host ? api.updateHost(host.id, data as HostUpdate) : api.createHost(data as HostCreate)),
    onSuccess: onDone,
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      for (const issue of e.issues) {
        if (isHostField(issue.path)) form.setError(issue.path, { type: 'server', message: issue.message });
      }
    },
  });

  const changeKind = (next: HostKind) => {
    const port = form.getValues('port');
    // Follow the new kind's usual port unless the user typed one of their own.
    if (!port || Object.values(DEFAULT_PORT).includes(port)) form.setValue('port', DEFAULT_PORT[next]);
    form.setValue('kind', next);
    form.clearErrors();
    save.reset();
  };

  return (
    <FormProvider {...form}>
      <form onSubmit={form.handleSubmit((data) => save.mutate(data))} noValidate className="flex flex-col gap-4" data-testid="host-form">
        <KindChooser value={kind} onChange={changeKind} disabled={Boolean(host)} />
        {host ? (
          <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">
            Connects over {KIND_LABEL[host.kind]}; to change how it connects, remove the host and add it again.
          </p>
        ) : null}
        <TextInput name="name" label="Name" placeholder="web-1" hint="Letters, digits, “.”, “_” and “-”." />
        <KindFields kind={kind} editing={Boolean(host)} />
        {save.error ? (
          <Alert tone="error" role="alert" testId="host-form-error">
            <p className="font-medium">{host ? 'Could not save the host' : 'Could not add the host'}</p>
            <p className="mt-0.5">{save.error.message}</p>
          </Alert>
        ) : null}
        <DialogActions>
          <Button onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.isPending}>
            {save.isPending ? 'Testing connection…' : 'Save host'}
          </Button>
        </DialogActions>
      </form>
    </FormProvider>
  );
}
