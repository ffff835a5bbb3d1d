'use client';

import { type ComponentType, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { StackDetail } from '@/lib/compose-types';
import type { ContainerDetail } from '@/lib/types';
import type { WhyTarget } from './why-panel';

/**
 * The "Why?" button on the container and stack pages, shown only when something is not healthy. The panel's code
 * and its request wait for the first press, so pages that never need it pay only for this button. A plain import()
 * rather than next/dynamic: the container page has no other lazy part, and next/dynamic's loader would cost it
 * 1.4 KiB gzip of first-load JavaScript (measured with bench/p6.ts: 198.6 with it, 197.2 without, of the 200 allowed).
 */
type Panel = ComponentType<{ target: WhyTarget }>;

function Why({ target, label }: { target: WhyTarget; label: string }) {
  const [open, setOpen] = useState(false);
  const [WhyPanel, setPanel] = useState<Panel | null>(null);
  const [failed, setFailed] = useState('');
  const toggle = () => {
    setOpen(!open);
    if (!WhyPanel)
      import('./why-panel').then(
        (m) => setPanel(() => m.WhyPanel),
        (e: Error) => setFailed(`Could not load the panel: ${e.message}; reload the page`),
      );
  };
  return (
    <section className="flex flex-col gap-2 rounded-lg border border-amber-300/60 bg-amber-50/40 px-3 py-2 dark:border-amber-500/30 dark:bg-amber-500/5">
      <div className="flex items-center gap-2">
        <Button size="sm" aria-expanded={open} onClick={toggle} data-testid="why-button">
          Why?
        </Button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{label}</span>
      </div>
      {open && WhyPanel ? <WhyPanel target={target} /> : open ? <p className="text-xs text-zinc-500">{failed || 'Loading…'}</p> : null}
    </section>
  );
}

/** Not running, restarting, or unhealthy by its Engine healthcheck. */
export function WhyContainer({ hostId, c }: { hostId: string; c: Pick<ContainerDetail, 'id' | 'state' | 'health'> }) {
  if (c.state === 'running' && c.health !== 'unhealthy') return null;
  return <Why key={c.id} target={{ kind: 'container', hostId, cid: c.id }} label="This container is not healthy: see what Berth found and what to do" />;
}

/** A service not running or unhealthy, a service without its containers, or a last operation that failed. */
export function WhyStack({
  hostId,
  name,
  stack,
}: {
  hostId: string;
  name: string;
  stack: Pick<StackDetail, 'serviceStates' | 'operations' | 'deployedVersion'>;
}) {
  const broken = stack.serviceStates.some(
    (s) =>
      s.containers.some((c) => c.state !== 'running' || c.health === 'unhealthy') ||
      (stack.deployedVersion !== null && (s.replicas ?? 0) > 0 && !s.containers.length),
  );
  const last = stack.operations[0];
  if (!broken && !(last && (last.status === 'failed' || last.status === 'interrupted'))) return null;
  return <Why target={{ kind: 'stack', hostId, name }} label="Part of this stack is not healthy: see what Berth found and what to do" />;
}
