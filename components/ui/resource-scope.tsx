'use client';

import { useQueries, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { rememberedHost, rememberHost } from '@/components/shell/remembered-host';
import { resolveHost, useHostScope } from '@/components/shell/use-host-scope';
import { Alert } from '@/components/ui/alert';
import { Field, selectClass } from '@/components/ui/field';
import { pickDefaultHost } from '@/lib/default-host';
import { useContainers, useHosts } from '@/lib/live';
import type { HostView } from '@/lib/types';

const NO_HOSTS: HostView[] = [];

/**
 * The hosts a resource page shows: the one picked in the host switcher (?host=), or every host with a Host column.
 * Images, volumes and networks are per host in the Engine, so each host is one query and one failure of its own.
 */
export function useResourceScope() {
  const hosts = useHosts();
  const { hostId: param } = useHostScope();
  const all = hosts.data ?? NO_HOSTS;
  const host = resolveHost(param, all);
  return {
    all,
    host,
    inScope: host ? [host] : param ? NO_HOSTS : all,
    unknownHost: Boolean(param && !host && !hosts.isPending),
    loading: hosts.isPending,
    hostNames: new Map(all.map((h) => [h.id, h.name])),
  };
}

export interface HostProblem {
  host: HostView;
  message: string;
}

/** One list query per host in scope; offline hosts are not asked and are reported instead. */
export function useHostLists<T>(hosts: HostView[], key: (hostId: string) => readonly unknown[], fetch: (hostId: string) => Promise<T[]>) {
  return useQueries({
    queries: hosts.map((h) => ({ queryKey: key(h.id), queryFn: () => fetch(h.id), enabled: h.status !== 'offline' })),
    combine: (results) => {
      const rows: T[] = [];
      const problems: HostProblem[] = [];
      results.forEach((r, i) => {
        const h = hosts[i];
        if (h.status === 'offline') problems.push({ host: h, message: `offline: ${h.lastError ?? 'its Docker daemon does not answer'}` });
        else if (r.error) problems.push({ host: h, message: r.error.message });
        if (r.data) rows.push(...r.data);
      });
      const pending = results.some((r, i) => hosts[i].status !== 'offline' && r.isPending);
      return { rows, problems, pending };
    },
  });
}

export function HostProblems({ problems, what }: { problems: HostProblem[]; what: string }) {
  if (!problems.length) return null;
  return (
    <div className="flex flex-col gap-1.5">
      {problems.map((p) => (
        <Alert key={p.host.id} tone="warning" testId="host-problem">
          <span className="font-semibold">host {p.host.name}</span>: {p.message} · its {what} are not shown
        </Alert>
      ))}
    </div>
  );
}

/**
 * In "All hosts" view a create or prune dialog asks which host; with a host picked, the field is not shown (or, where
 * the form always asks, shown without the hint). The choice is remembered as the next form's default.
 */
export function HostSelectField({ hosts, value, onChange, hint = true }: { hosts: HostView[]; value: string; onChange: (id: string) => void; hint?: boolean }) {
  const usable = hosts.filter((h) => h.status !== 'offline');
  const choose = (id: string) => {
    rememberHost(id);
    onChange(id);
  };
  return (
    <Field id="resource-host" label="Host" hint={hint ? 'Pick a host in the sidebar switcher to skip this question.' : undefined}>
      <select id="resource-host" value={value} onChange={(e) => choose(e.target.value)} className={selectClass}>
        {usable.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The host a dialog acts on: the one in scope, else the one last chosen in a form, else the local one (lib/default-host). */
export function defaultHostId(scopeHost: HostView | undefined, hosts: HostView[]): string {
  return scopeHost?.id ?? pickDefaultHost(hosts, rememberedHost());
}

/**
 * Refetches a host's list when the live stream shows containers created or removed there, since "used by" and
 * "attached" change with them. The live stream carries containers only, so this is the cheap way to stay current.
 */
export function useRefreshOnContainerChanges(hosts: HostView[], key: (hostId: string) => readonly unknown[]) {
  const containers = useContainers();
  const client = useQueryClient();
  const signature = useMemo(() => {
    if (!containers.data) return null;
    const ids = new Map<string, string[]>();
    for (const c of containers.data) ids.set(c.hostId, [...(ids.get(c.hostId) ?? []), c.id]);
    return new Map([...ids].map(([h, list]) => [h, list.sort().join(',')]));
  }, [containers.data]);
  const previous = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    if (!signature) return;
    const before = previous.current;
    previous.current = signature;
    if (!before) return;
    for (const h of hosts) {
      if ((before.get(h.id) ?? '') !== (signature.get(h.id) ?? '')) void client.invalidateQueries({ queryKey: key(h.id) });
    }
  }, [signature, hosts, client, key]);
}

/** What a list page shows when its ?host= names no registered host, with a way back to every host's list. */
export function UnknownHost({ listHref }: { listHref: string }) {
  return (
    <p className="p-6 text-sm">
      That host is not registered.{' '}
      <Link href={listHref} className="text-accent hover:underline">
        Show all hosts
      </Link>
    </p>
  );
}
