'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { call } from '@/lib/api-client';
import type { ContainerDiagnosis, Hint } from '@/lib/diagnosis-types';
import { qk } from '@/lib/query-keys';

/**
 * The "Why?" panel's body, fetched only when someone presses Why? (why.tsx loads it with next/dynamic): the hints of
 * server/diagnosis, each with what was seen and what to do, and the last log lines they refer to.
 */
export type WhyTarget = { kind: 'container'; hostId: string; cid: string } | { kind: 'stack'; hostId: string; name: string };

const TONE: Record<Hint['severity'], Tone> = { error: 'red', warning: 'amber', info: 'grey' };

function fetchDiagnosis(t: WhyTarget) {
  return t.kind === 'container'
    ? call('GET /api/v1/hosts/{id}/containers/{cid}/diagnosis', { id: t.hostId, cid: t.cid }).then((r) => ({
        hints: r.diagnosis.hints,
        containers: [r.diagnosis],
      }))
    : call('GET /api/v1/hosts/{id}/stacks/{name}/diagnosis', { id: t.hostId, name: t.name }).then((r) => ({
        hints: r.diagnosis.hints,
        containers: r.diagnosis.containers,
      }));
}

function HintItem({ h }: { h: Hint }) {
  return (
    <li data-testid="why-hint" data-rule={h.id} className="flex flex-col gap-0.5 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[h.severity]}>{h.severity}</Badge>
        <span className="text-sm font-semibold">{h.title}</span>
        {h.container ? (
          <span className="font-mono text-xs text-zinc-500">{h.container}</span>
        ) : h.service ? (
          <span className="font-mono text-xs text-zinc-500">{h.service}</span>
        ) : null}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-medium">Seen:</span> <span className="break-words">{h.evidence}</span>
      </p>
      <p className="text-xs text-zinc-800 dark:text-zinc-200">
        <span className="font-medium">Do:</span> {h.action}
      </p>
    </li>
  );
}

function LastLines({ d }: { d: ContainerDiagnosis }) {
  if (d.logs === null) return <p className="text-xs text-zinc-500">{d.container.name}: log lines hidden (a sensitive container needs the operator role).</p>;
  if (!d.logs.length) return null;
  return (
    <details open className="text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
        Last {d.logs.length} log lines of {d.container.name}
      </summary>
      <pre
        data-testid="why-logs"
        className="mt-1 max-h-64 overflow-auto rounded bg-zinc-950 p-2 font-mono text-[11px] leading-snug whitespace-pre-wrap text-zinc-100"
      >
        {d.logs.join('\n')}
      </pre>
    </details>
  );
}

export function WhyPanel({ target }: { target: WhyTarget }) {
  const key = target.kind === 'container' ? qk.containerDiagnosis(target.hostId, target.cid) : qk.stackDiagnosis(target.hostId, target.name);
  const q = useQuery({ queryKey: key, queryFn: () => fetchDiagnosis(target), staleTime: 0 });
  if (q.isPending)
    return (
      <p className="flex items-center gap-2 text-sm text-zinc-500">
        <Spinner /> Reading the evidence…
      </p>
    );
  if (q.error)
    return (
      <Alert tone="error" role="alert">
        Could not diagnose: {q.error.message}
      </Alert>
    );
  const { hints, containers } = q.data;
  return (
    <div data-testid="why-panel" className="flex flex-col gap-3">
      {hints.length ? (
        <ul className="flex flex-col gap-2">
          {hints.map((h, i) => (
            <HintItem key={`${h.id}-${h.container ?? h.service ?? ''}-${i}`} h={h} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-500">Nothing looks wrong right now.</p>
      )}
      {containers.map((d) => (
        <LastLines key={d.container.id} d={d} />
      ))}
      <div>
        {/* read once when opened: a restart loop or a fix changes the picture, so it can be read again */}
        <Button size="sm" variant="ghost" pending={q.isFetching} onClick={() => void q.refetch()}>
          Check again
        </Button>
      </div>
    </div>
  );
}
