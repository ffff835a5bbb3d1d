'use client';

import type { ReactNode } from 'react';
import { selectClass } from '@/components/ui/field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useHosts } from '@/lib/live';
import type { HostStatus } from '@/lib/types';
import { resolveHost, useHostScope } from './use-host-scope';

const MARK: Record<HostStatus, string> = { online: '●', offline: '○', stale: '◐', unknown: '·' };

function Labelled({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="host-switcher" className="px-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">
        Switch host
      </label>
      {children}
    </div>
  );
}

function Switcher() {
  const { hostId: param, setHost } = useHostScope();
  const { data: hosts = [] } = useHosts();
  const hostId = resolveHost(param, hosts)?.id ?? param;
  const known = !hostId || hosts.some((h) => h.id === hostId);
  return (
    <Labelled>
      <select id="host-switcher" value={hostId ?? ''} onChange={(e) => setHost(e.target.value || null)} className={selectClass}>
        <option value="">All hosts</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {MARK[h.status]} {h.name}
          </option>
        ))}
        {!known ? <option value={hostId!}>Unknown host</option> : null}
      </select>
    </Labelled>
  );
}

/** The same control, inert, for the server render and hydration (host names come from the live cache). */
export function HostSwitcherShell() {
  return (
    <Labelled>
      <select id="host-switcher" disabled className={selectClass} defaultValue="">
        <option value="">All hosts</option>
      </select>
    </Labelled>
  );
}

export function HostSwitcher() {
  return useHydrated() ? <Switcher /> : <HostSwitcherShell />;
}
