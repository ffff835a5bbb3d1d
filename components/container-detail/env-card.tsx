'use client';

import { Eye, EyeOff } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { Mono } from '@/components/ui/kv';

const MASK = '••••';

/** Values are masked by default: environment variables are where passwords and tokens usually live. */
export function EnvCard({ env }: { env: { key: string; value: string }[] }) {
  const [all, setAll] = useState(false);
  const [shown, setShown] = useState<Set<number>>(new Set());
  const visible = (i: number) => all || shown.has(i);
  const toggle = (i: number) =>
    setShown((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });

  return (
    <Card
      title={`Environment (${env.length})`}
      actions={
        env.length ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setAll((v) => !v);
              setShown(new Set());
            }}
            aria-pressed={all}
          >
            {all ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
            {all ? 'Hide all' : 'Reveal all'}
          </Button>
        ) : null
      }
      bodyClassName={env.length ? 'p-0' : undefined}
    >
      {env.length === 0 ? (
        <EmptyState>No environment variables.</EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {env.map((e, i) => (
            <li key={`${e.key}-${i}`} data-testid="env-row" data-key={e.key} className="flex items-start gap-3 px-4 py-1.5">
              <Mono className="w-2/5 shrink-0 break-all font-medium text-zinc-700 dark:text-zinc-300">{e.key}</Mono>
              <Mono className="min-w-0 flex-1 break-all text-zinc-600 dark:text-zinc-400">
                <span data-testid="env-value">{visible(i) ? e.value || '""' : MASK}</span>
              </Mono>
              {!all ? (
                <button
                  type="button"
                  onClick={() => toggle(i)}
                  aria-label={`${visible(i) ? 'Hide' : 'Reveal'} ${e.key}`}
                  className="rounded p-0.5 text-zinc-400 hover:text-zinc-800 dark:hover:text-zinc-100"
                >
                  {visible(i) ? <EyeOff className="size-3.5" aria-hidden /> : <Eye className="size-3.5" aria-hidden />}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
