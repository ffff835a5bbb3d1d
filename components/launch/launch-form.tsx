'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormProvider, type Resolver, useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-client';
import type { Launch } from '@/lib/schemas/launch';
import { diffLaunch, keptSettings } from '@/lib/schemas/launch-diff';
import { qk } from '@/lib/query-keys';
import type { ContainerDetail, HostView } from '@/lib/types';
import { launchApi } from './api';
import { DiffView } from './diff-view';
import type { LaunchFormValues } from './form-model';
import { AdvancedSection, GeneralSection, HealthSection, ResourcesSection, RowsSection, RunSection } from './sections';
import { KeptSection, SystemSection } from './system-section';

export type LaunchMode = 'new' | 'duplicate' | 'recreate';

interface Props {
  mode: LaunchMode;
  hosts: HostView[];
  initial: LaunchFormValues;
  /** recreate: the container being replaced and its current settings, to show what changes */
  from?: { cid: string; name: string; launch: Launch };
}

type Parsed = Launch & { hostId: string };
type LaunchResolver = Resolver<LaunchFormValues, unknown, Parsed>;
/**
 * The form checks on submit (mode 'onSubmit'), so zod and the launch schema are fetched with the first check rather
 * than with the page; the checking itself is the same zodResolver(LaunchFormSchema).
 */
let zodCheck: Promise<LaunchResolver> | null = null;
const resolver: LaunchResolver = async (values, context, options) => {
  zodCheck ??= Promise.all([import('@hookform/resolvers/zod'), import('@/lib/schemas/launch')]).then(
    ([r, s]) => r.zodResolver(s.LaunchFormSchema) as unknown as LaunchResolver,
  );
  return (await zodCheck)(values, context, options);
};
const detailUrl = (c: ContainerDetail) => `/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.id)}`;

/** The launch form, shared by Launch, Duplicate and Edit & recreate; zod errors at the field, server errors on top. */
export function LaunchForm({ mode, hosts, initial, from }: Props) {
  const router = useRouter();
  const toast = useToast();
  const client = useQueryClient();
  const form = useForm<LaunchFormValues, unknown, Parsed>({ defaultValues: initial, resolver, mode: 'onSubmit' });
  const [pending, setPending] = useState<Parsed | null>(null);

  const save = useMutation({
    mutationFn: async ({ hostId, ...input }: Parsed): Promise<ContainerDetail> =>
      mode === 'recreate' && from ? launchApi.recreate(hostId, from.cid, input) : (await launchApi.launch(hostId, input)).container,
    onSuccess: (c) => {
      toast('success', mode === 'recreate' ? `Recreated ${c.name}` : `Launched ${c.name}`);
      void client.invalidateQueries({ queryKey: qk.containerPrefix });
      router.push(detailUrl(c));
    },
    onError: (e) => {
      setPending(null);
      if (!(e instanceof ApiError)) return;
      for (const issue of e.issues) if (issue.path) form.setError(issue.path as keyof LaunchFormValues, { type: 'server', message: issue.message });
    },
  });

  const onValid = (data: Parsed) => {
    save.reset();
    if (mode === 'recreate') setPending(data);
    else save.mutate(data);
  };
  const title = { new: 'Launch container', duplicate: 'Launch copy', recreate: 'Review changes…' }[mode];

  return (
    <FormProvider {...form}>
      <form onSubmit={form.handleSubmit(onValid)} noValidate className="flex flex-col gap-3" data-testid="launch-form">
        {save.error ? (
          <Alert tone="error" role="alert" testId="launch-error">
            <p className="font-medium">{mode === 'recreate' ? 'Could not recreate the container' : 'Could not launch the container'}</p>
            <p className="mt-0.5">{save.error.message}</p>
          </Alert>
        ) : null}
        <GeneralSection hosts={hosts} lockHost={mode === 'recreate'} recreate={mode === 'recreate'} />
        <RowsSection defaultOpen name="env" title="Environment" />
        <RowsSection defaultOpen name="ports" title="Ports" />
        <RowsSection defaultOpen name="volumes" title="Volumes" />
        <RowsSection name="networks" title="Networks" />
        <RowsSection name="labels" title="Labels" />
        <ResourcesSection />
        <HealthSection />
        <RunSection />
        <AdvancedSection />
        <SystemSection />
        <KeptSection />
        <div className="flex justify-end gap-2">
          <Button onClick={() => router.back()} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.isPending && mode !== 'recreate'} data-testid="launch-submit">
            {save.isPending && mode !== 'recreate' ? 'Launching…' : title}
          </Button>
        </div>
      </form>
      {from ? (
        <Dialog
          open={pending !== null}
          onClose={() => setPending(null)}
          busy={save.isPending}
          title={`Recreate ${from.name}?`}
          description="The container is replaced by a new one with these changes; its name and volumes are kept. If the new one fails to start, the old one is put back."
          className="max-w-2xl"
        >
          {pending ? <DiffView changes={diffLaunch(from.launch, { ...pending, name: from.name })} kept={keptSettings(from.launch, pending)} /> : null}
          <DialogActions>
            <Button onClick={() => setPending(null)} disabled={save.isPending}>
              Back to the form
            </Button>
            <Button variant="primary" pending={save.isPending} onClick={() => pending && save.mutate(pending)} data-testid="recreate-apply">
              Recreate
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </FormProvider>
  );
}
