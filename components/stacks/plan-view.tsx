import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { ContainerActionKind, StackPlan } from '@/lib/compose-types';

const TONE: Record<ContainerActionKind | 'external', Tone> = { create: 'green', recreate: 'amber', remove: 'red', keep: 'grey', external: 'violet' };

/** The plan: what a deploy would create, recreate (and why), remove or leave alone. */
export function PlanView({ plan }: { plan: StackPlan }) {
  const s = plan.summary;
  const rows = [...plan.services.flatMap((svc) => svc.containers), ...plan.orphans];
  return (
    <Card title={`Plan: ${s.create} to create, ${s.recreate} to recreate, ${s.remove} to remove, ${s.keep} unchanged`}>
      {plan.warnings?.length ? (
        <ul
          className="mb-2 flex flex-col gap-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          role="alert"
          aria-label="Plan warnings"
        >
          {plan.warnings.map((w) => (
            <li key={w} data-testid="plan-warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="plan">
        {[...plan.networks.map((n) => ({ ...n, kind: 'network' })), ...plan.volumes.map((v) => ({ ...v, kind: 'volume' }))].map((r) => (
          <li key={`${r.kind}/${r.name}`} data-testid="plan-row" className="flex items-center gap-2">
            <Badge tone={r.action === 'create' ? 'green' : r.action === 'external' ? 'violet' : 'grey'}>{r.action}</Badge>
            <span>
              {r.kind} <span className="font-mono text-xs">{r.name}</span>
            </span>
          </li>
        ))}
        {plan.services
          .filter((svc) => svc.build)
          .map((svc) => (
            <li key={`build/${svc.name}`} data-testid="plan-row" data-action="build" className="flex flex-wrap items-center gap-2">
              <Badge tone="violet">build</Badge>
              <span className="font-mono text-xs">{svc.image}</span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{svc.build!.reason}</span>
            </li>
          ))}
        {plan.services
          .filter((svc) => svc.pull)
          .map((svc) => (
            <li key={`pull/${svc.name}`} data-testid="plan-row" data-action="pull" className="flex flex-wrap items-center gap-2">
              <Badge tone="violet">pull</Badge>
              <span className="font-mono text-xs">{svc.image}</span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{svc.pull!.reason}</span>
            </li>
          ))}
        {(plan.notes ?? []).map((n) => (
          <li key={`note/${n}`} data-testid="plan-note" className="text-xs text-zinc-500 dark:text-zinc-400">
            {n}
          </li>
        ))}
        {rows.map((c) => (
          <li key={`${c.service}/${c.name}/${c.action}`} data-testid="plan-row" data-action={c.action} className="flex flex-wrap items-center gap-2">
            <Badge tone={TONE[c.action]}>{c.action}</Badge>
            <span className="font-mono text-xs">{c.name}</span>
            {c.reasons.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{c.reasons.join(', ')}</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
