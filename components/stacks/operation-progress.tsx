import type { OperationView } from '@/lib/compose-types';
import { Card } from '@/components/ui/card';
import { ProgressBadge } from './state-badge';
import { plural } from '@/lib/words';

/** Per-service progress of a deploy, scale or action, with its latest steps. */
export function OperationProgress({ op }: { op: OperationView }) {
  return (
    <Card title={`${op.kind} · ${op.status === 'running' ? 'running' : op.status}`} actions={<ProgressBadge state={op.status} />}>
      <ul className="flex flex-col gap-1 text-sm" data-testid="operation-services">
        {op.services.map((s) => (
          <li key={s.service} data-testid="operation-service" data-service={s.service} data-state={s.state} className="flex items-center gap-2">
            <span className="w-32 truncate font-medium">{s.service}</span>
            <ProgressBadge state={s.state} />
            <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">{s.message}</span>
          </li>
        ))}
      </ul>
      {op.error ? (
        <p className="mt-2 text-sm text-red-600 dark:text-red-400" data-testid="operation-error">
          {op.error}
        </p>
      ) : null}
      <details className="mt-2 text-xs text-zinc-500">
        <summary className="cursor-pointer">Log ({plural(op.log.length, 'step')})</summary>
        <ol className="mt-1 max-h-48 overflow-auto font-mono">
          {op.log.map((l, i) => (
            <li key={i}>
              {l.at.slice(11, 19)} {l.service ? `${l.service}: ` : ''}
              {l.message}
            </li>
          ))}
        </ol>
      </details>
    </Card>
  );
}
