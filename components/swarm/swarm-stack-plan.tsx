'use client';

import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { SwarmStackAction, SwarmStackPlan } from '@/lib/swarm-stack-types';

const TONE: Record<SwarmStackAction, Tone> = { create: 'green', update: 'amber', remove: 'red', unchanged: 'grey' };

/** What a deploy of the file would do: each service's action, the networks, secrets and configs it creates, and the keys Swarm ignores. */
export function SwarmStackPlanView({ plan }: { plan: SwarmStackPlan }) {
  const count = (a: SwarmStackAction) => plan.services.filter((s) => s.action === a).length;
  const made = [...plan.networks.map((n) => ['network', n]), ...plan.secrets.map((n) => ['secret', n]), ...plan.configs.map((n) => ['config', n])];
  return (
    <Card title={`Plan: ${count('create')} to create, ${count('update')} to update, ${count('remove')} to remove, ${count('unchanged')} unchanged`}>
      {plan.warnings.length ? (
        <ul
          className="mb-2 flex flex-col gap-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          aria-label="Plan warnings"
        >
          {plan.warnings.map((w) => (
            <li key={w} data-testid="swarm-plan-warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="swarm-plan">
        {made.map(([kind, name]) => (
          <li key={`${kind}/${name}`} className="flex items-center gap-2">
            <Badge tone="green">create</Badge>
            <span>
              {kind} <span className="font-mono text-xs">{name}</span>
            </span>
          </li>
        ))}
        {plan.services.map((s) => (
          <li key={s.name} data-testid="swarm-plan-service" data-action={s.action} className="flex items-center gap-2">
            <Badge tone={TONE[s.action]}>{s.action}</Badge>
            <span>
              service <span className="font-mono text-xs">{s.name}</span> <span className="text-xs text-zinc-500">{s.image}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
