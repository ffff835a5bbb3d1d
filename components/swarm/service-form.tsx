'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { FormProvider, type Resolver, useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-client';
import { qk } from '@/lib/query-keys';
import type { ServiceChanged, ServiceCreate } from '@/lib/schemas/swarm-service';
import { serviceFormApi, type ServiceFormValues } from './service-form-model';
import {
  EnvSection,
  GeneralSection,
  MountsSection,
  NetworksSection,
  PlacementSection,
  PortsSection,
  ResourcesSection,
  RolloutSection,
  RunSection,
} from './service-form-sections';

type ServiceResolver = Resolver<ServiceFormValues, unknown, ServiceCreate>;
/** zod and the schema are fetched with the first check (the form checks on submit), not with the page. */
let zodCheck: Promise<ServiceResolver> | null = null;
const resolver: ServiceResolver = async (values, context, options) => {
  zodCheck ??= Promise.all([import('@hookform/resolvers/zod'), import('@/lib/schemas/swarm-service')]).then(
    ([r, s]) => r.zodResolver(s.ServiceCreateSchema) as unknown as ServiceResolver,
  );
  return (await zodCheck)(values, context, options);
};

/** Where a created or updated service is seen: the service's own page. */
export const servicePage = (hostId: string, name: string) => `/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(name)}`;

interface Props {
  hostId: string;
  initial: ServiceFormValues;
  /** edit: the service being updated (its id); absent: a new service */
  sid?: string;
}

/** Create a service, or update one (a rolling update); the schema's messages at the fields, the server's on top. */
export function ServiceForm({ hostId, initial, sid }: Props) {
  const router = useRouter();
  const toast = useToast();
  const client = useQueryClient();
  const form = useForm<ServiceFormValues, unknown, ServiceCreate>({ defaultValues: initial, resolver, mode: 'onSubmit' });
  const save = useMutation({
    mutationFn: ({ name, ...rest }: ServiceCreate): Promise<ServiceChanged> =>
      sid ? serviceFormApi.update(hostId, sid, rest) : serviceFormApi.create(hostId, { name, ...rest }),
    onSuccess: (r) => {
      toast('success', r.message);
      for (const w of r.warnings) toast('error', `Docker warns: ${w}`);
      void client.invalidateQueries({ queryKey: qk.swarmServices(hostId) });
      void client.invalidateQueries({ queryKey: qk.swarmServicePrefix(hostId) });
      router.push(servicePage(hostId, r.name));
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      for (const issue of e.issues) if (issue.path) form.setError(issue.path as keyof ServiceFormValues, { type: 'server', message: issue.message });
    },
  });
  const edit = Boolean(sid);

  return (
    <FormProvider {...form}>
      <form onSubmit={form.handleSubmit((d) => (save.reset(), save.mutate(d)))} noValidate className="flex flex-col gap-3" data-testid="service-form">
        {save.error ? (
          <Alert tone="error" role="alert" testId="service-error">
            <p className="font-medium">{edit ? 'Could not update the service' : 'Could not create the service'}</p>
            <p className="mt-0.5">{save.error.message}</p>
          </Alert>
        ) : null}
        <GeneralSection edit={edit} />
        <PortsSection />
        <EnvSection />
        <MountsSection />
        <NetworksSection />
        <PlacementSection />
        <RolloutSection />
        <ResourcesSection />
        <RunSection />
        <div className="flex justify-end gap-2">
          <Button onClick={() => router.back()} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.isPending} data-testid="service-submit">
            {edit ? (save.isPending ? 'Updating…' : 'Update (rolling)') : save.isPending ? 'Creating…' : 'Create service'}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
