import { Card, EmptyState } from '@/components/ui/card';
import type { OperationView } from '@/lib/compose-types';
import { formatDateTime } from '@/lib/format';
import { ProgressBadge } from './state-badge';

/** The stack's recent operations (deploys, scales, actions), newest first, each with who started it and how it ended. */
export function OperationsList({ operations }: { operations: OperationView[] }) {
  return (
    <Card title="Operations">
      {operations.length === 0 ? <EmptyState>None yet.</EmptyState> : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="stack-operations">
        {operations.map((o) => (
          <li key={o.id} className="flex flex-wrap items-center gap-2" title={o.error ?? undefined}>
            <span className="w-16 font-medium">{o.kind}</span>
            <ProgressBadge state={o.status} />
            <span className="text-xs text-zinc-500">
              {formatDateTime(o.startedAt)} by {o.startedBy}
            </span>
            {o.error ? <span className="w-full truncate text-xs text-red-600 dark:text-red-400">{o.error}</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
