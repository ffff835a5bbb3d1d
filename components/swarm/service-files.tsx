'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link2, Unlink } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { qk } from '@/lib/query-keys';
import type { SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import { secretsApi } from './secrets-api';

const TITLE: Record<SwarmObjectKind, string> = { secret: 'Secrets', config: 'Configs' };
const WHERE: Record<SwarmObjectKind, string> = { secret: 'file name under /run/secrets (default: its name)', config: 'path (default: /<name>)' };

/**
 * The service page's secrets and configs: which are attached and as which file, Detach, and Attach another (each a
 * rolling update of the service). Attaching a secret is for admins (the route says why); configs for operators too.
 */
export function ServiceFiles({ hostId, serviceId, canOperate, isAdmin }: { hostId: string; serviceId: string; canOperate: boolean; isAdmin: boolean }) {
  return (
    <section className="flex flex-col gap-3" data-testid="service-files">
      <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Secrets and configs</h2>
      <KindFiles hostId={hostId} serviceId={serviceId} kind="secret" canChange={isAdmin} />
      <KindFiles hostId={hostId} serviceId={serviceId} kind="config" canChange={canOperate} />
    </section>
  );
}

function KindFiles({ hostId, serviceId, kind, canChange }: { hostId: string; serviceId: string; kind: SwarmObjectKind; canChange: boolean }) {
  const client = useQueryClient();
  const toast = useToast();
  const key = kind === 'secret' ? qk.swarmSecrets(hostId) : qk.swarmConfigs(hostId);
  const items = useQuery({ queryKey: key, queryFn: () => secretsApi.list(hostId, kind) });
  const [pick, setPick] = useState('');
  const [target, setTarget] = useState('');
  const done = (r: { message: string }) => {
    toast('success', r.message);
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: qk.swarmServicePrefix(hostId) });
  };
  const attach = useMutation({
    mutationFn: () => secretsApi.attach(hostId, kind, pick, { service: serviceId, ...(target.trim() ? { target: target.trim() } : {}) }),
    onSuccess: (r) => {
      setPick('');
      setTarget('');
      done(r);
    },
  });
  const detach = useMutation({ mutationFn: (id: string) => secretsApi.detach(hostId, kind, id, { service: serviceId }), onSuccess: done });
  const attached = (items.data ?? []).flatMap((o) => o.usedBy.filter((u) => u.serviceId === serviceId).map((u) => ({ o, target: u.target })));
  const free = (items.data ?? []).filter((o) => !o.usedBy.some((u) => u.serviceId === serviceId));
  const error = items.error ?? attach.error ?? detach.error;
  return (
    <div className="flex flex-col gap-2" data-testid={`service-${kind}s`}>
      <h3 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{TITLE[kind]}</h3>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {attached.length === 0 ? <p className="text-xs text-zinc-500">None attached.</p> : null}
      <ul className="flex flex-col gap-1">
        {attached.map(({ o, target: t }) => (
          <li key={o.id} className="flex items-center gap-2 text-sm">
            <span className="font-medium">{o.name}</span>
            <span className="font-mono text-xs text-zinc-500">→ {t}</span>
            {canChange ? (
              <Button size="sm" variant="ghost" disabled={detach.isPending} onClick={() => detach.mutate(o.id)} aria-label={`Detach ${o.name}`}>
                <Unlink aria-hidden />
                Detach
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canChange && free.length ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick) attach.mutate();
          }}
        >
          <select className={selectClass} value={pick} onChange={(e) => setPick(e.target.value)} aria-label={`${TITLE[kind].slice(0, -1)} to attach`}>
            <option value="">Choose a {kind}…</option>
            {free.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <input
            className={inputClass + ' w-64'}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder={WHERE[kind]}
            aria-label={`Attach as (${WHERE[kind]})`}
          />
          <Button size="sm" type="submit" disabled={!pick || attach.isPending}>
            <Link2 aria-hidden />
            Attach
          </Button>
        </form>
      ) : null}
    </div>
  );
}
