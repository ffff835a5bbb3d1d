'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { defaultHostId } from '@/components/ui/resource-scope';
import { Spinner } from '@/components/ui/spinner';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { launchApi } from './api';
import { toFormValues } from './form-model';
import { LaunchForm, type LaunchMode } from './launch-form';

/** /containers/new?host=&from=<cid>&mode=duplicate|recreate: an empty form, or one prefilled from a container. */
function LaunchViewInner() {
  const sp = useSearchParams();
  const hosts = useHosts();
  const from = sp.get('from');
  const mode: LaunchMode = from ? (sp.get('mode') === 'recreate' ? 'recreate' : 'duplicate') : 'new';
  const list = hosts.data ?? [];
  const hostId = sp.get('host') ?? defaultHostId(undefined, list);
  const source = useQuery({
    queryKey: qk.launchInput(hostId, from, mode),
    queryFn: () => launchApi.launchInput(hostId, from!, mode === 'recreate' ? 'recreate' : 'duplicate'),
    enabled: Boolean(from && hostId),
    staleTime: Infinity,
    gcTime: 0,
  });
  const title = { new: 'Launch a container', duplicate: 'Duplicate container', recreate: 'Edit & recreate' }[mode];
  const description =
    mode === 'recreate'
      ? `Change ${source.data?.name ?? 'the container'}'s settings. You will see what changes before anything is applied.`
      : mode === 'duplicate'
        ? `A new container with ${source.data?.name ? 'the settings of the original' : 'copied settings'}; give it a name.`
        : 'Run an image on one of your hosts.';

  let body;
  if (hosts.isPending || (from && source.isPending)) {
    body = (
      <p className="flex items-center gap-2 text-sm text-zinc-500">
        <Spinner /> Loading…
      </p>
    );
  } else if (source.error || hosts.error) {
    body = (
      <Alert tone="error" role="alert">
        Could not load the container to copy: {(source.error ?? hosts.error)?.message}
      </Alert>
    );
  } else if (!list.length) {
    body = <Alert tone="warning">No Docker hosts yet: add one on the Hosts page first.</Alert>;
  } else {
    const launch = source.data ?? null;
    body = (
      <LaunchForm
        key={`${hostId}-${from}-${mode}`}
        mode={mode}
        hosts={list}
        initial={toFormValues(launch, hostId)}
        from={mode === 'recreate' && launch && from ? { cid: from, name: launch.name, launch } : undefined}
      />
    );
  }
  // The bottom padding lets the form's buttons scroll clear of the background-task panel in the corner.
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 p-4 pb-24 md:p-6 md:pb-24">
      <Link
        href="/containers"
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        Containers
      </Link>
      <PageHeader title={title} description={description} />
      {body}
    </div>
  );
}

export function LaunchView() {
  return useHydrated() ? <LaunchViewInner /> : <ViewLoading what="launch form" />;
}
