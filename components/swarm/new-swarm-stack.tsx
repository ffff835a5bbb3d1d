'use client';

import { useQueryClient } from '@tanstack/react-query';
import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field, inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { qk } from '@/lib/query-keys';
import { swarmStackApi } from './swarm-stack-api';
import { SwarmStackEditor } from './swarm-stack-editor';

const STARTER = `services:
  web:
    image: nginx:latest
    ports:
      - { target: 80, published: 8080, mode: host }
    deploy:
      replicas: 2
`;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

function NewInner({ hostId }: { hostId: string }) {
  const router = useRouter();
  const toast = useToast();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const nameError = name && (!NAME.test(name) || name.length > 40) ? 'Letters, digits, "_" and "-" (40 at most), starting with a letter or digit' : undefined;
  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <Link
        href={`/hosts/${encodeURIComponent(hostId)}/swarm`}
        className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-3.5" aria-hidden />
        Swarm
      </Link>
      <PageHeader
        title="New Swarm stack"
        description="A compose file deployed as Swarm services, as docker stack deploy does: services <stack>_<service>, an overlay network, secrets and configs."
      />
      <Field id="swarm-stack-name" label="Name" error={nameError} hint="It prefixes the stack's services, networks, secrets and configs.">
        <input
          id="swarm-stack-name"
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
          aria-invalid={Boolean(nameError) || undefined}
        />
      </Field>
      <SwarmStackEditor
        hostId={hostId}
        name={nameError ? '' : name}
        initial={STARTER}
        onDeployed={(message) => {
          toast('success', message);
          void client.invalidateQueries({ queryKey: qk.swarmStacks(hostId) });
          router.push(swarmStackApi.href(hostId, name));
        }}
      />
    </div>
  );
}

export function NewSwarmStack({ hostId }: { hostId: string }) {
  return useHydrated() ? <NewInner hostId={hostId} /> : <ViewLoading what="the stack editor" />;
}
