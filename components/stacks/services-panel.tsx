'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { UpdateBadge, UpdateButton, useImageUpdates } from '@/components/images/image-updates';
import { inputClass } from '@/components/ui/field';
import type { OperationView, StackServiceState } from '@/lib/compose-types';
import { scaleChangesNothing } from '@/lib/stack-status';
import { capitalize } from '@/lib/words';

/** Resolves true when the scale was accepted; false when it was refused (the page shows why). */
type OnScale = (service: string, replicas: number) => Promise<boolean>;

interface Props {
  hostId: string;
  services: StackServiceState[];
  /** absent for a stack Berth does not manage (yet): nothing to scale with */
  onScale?: OnScale;
  busy: boolean;
  /** an Update (newer image in the registry) started a stack operation: follow it */
  onUpdate?: (op: OperationView) => void;
}

/** Each service with its numbered replicas (state, health, ports, a link to each container) and a count to scale to. */
export function ServicesPanel({ hostId, services, onScale, busy, onUpdate }: Props) {
  return (
    <Card title="Services">
      {services.length === 0 ? <EmptyState>Nothing deployed yet.</EmptyState> : null}
      <div className="flex flex-col gap-3">
        {services.map((s) => (
          <ServiceRow key={s.name} hostId={hostId} s={s} onScale={onScale} busy={busy} onUpdate={onUpdate} />
        ))}
      </div>
    </Card>
  );
}

function ServiceRow({ hostId, s, onScale, busy, onUpdate }: Pick<Props, 'hostId' | 'onScale' | 'busy' | 'onUpdate'> & { s: StackServiceState }) {
  const current = s.replicas ?? s.containers.length;
  const [count, setCount] = useState(String(current));
  const [note, setNote] = useState('');
  const n = Number(count);
  // the image check's answer naming a replica of this service as behind its registry
  const ids = new Set(s.containers.map((c) => c.id));
  const update = useImageUpdates(
    hostId,
    (a) => a.updates.find((u) => u.status === 'update-available' && u.containers.some((c) => c.behind && ids.has(c.id))) ?? null,
  );
  const behind = update?.containers.find((c) => c.behind && ids.has(c.id));
  const scale = async () => {
    setNote('');
    if (scaleChangesNothing(s, n)) {
      setNote(`${s.name} already runs ${n} ${n === 1 ? 'replica' : 'replicas'}: nothing to change.`);
      return;
    }
    // a refused count must not stay in the field as if it had been applied
    if (onScale && !(await onScale(s.name, n))) setCount(String(current));
  };
  return (
    <div data-testid="stack-service" data-service={s.name} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{s.name}</span>
        <span className="font-mono text-xs text-zinc-500">{s.image}</span>
        <UpdateBadge u={update} />
        {behind && onScale ? <UpdateButton hostId={hostId} containerId={behind.id} onOperation={onUpdate} /> : null}
        {onScale ? (
          <span className="ml-auto flex items-center gap-1.5">
            <label htmlFor={`scale-${s.name}`} className="text-xs text-zinc-500">
              Replicas
            </label>
            <input
              id={`scale-${s.name}`}
              type="number"
              min={0}
              max={100}
              value={count}
              onChange={(e) => {
                setCount(e.target.value);
                setNote('');
              }}
              className={`${inputClass} h-7 w-16 py-0`}
            />
            <Button size="sm" onClick={() => void scale()} disabled={busy || !Number.isInteger(n) || n < 0}>
              Scale
            </Button>
          </span>
        ) : null}
      </div>
      {note ? (
        <p role="status" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {note}
        </p>
      ) : null}
      <ul className="mt-1 flex flex-col gap-0.5 text-xs">
        {s.containers.map((c) => (
          <li key={c.id} data-testid="replica" data-name={c.name} className="flex items-center gap-2">
            <Link href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(c.id)}`} className="font-mono text-accent hover:underline">
              {c.name}
            </Link>
            <Badge tone={c.state === 'running' ? 'green' : 'grey'} dot>
              {c.state}
            </Badge>
            {c.health !== 'none' ? (
              <Badge tone={c.health === 'healthy' ? 'green' : c.health === 'unhealthy' ? 'red' : 'blue'}>{capitalize(c.health)}</Badge>
            ) : null}
            <span className="text-zinc-500">{c.ports.join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
