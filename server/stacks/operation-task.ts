import type { OperationKind, OperationView } from '@/lib/compose-types';
import { type HasTasks, startTask } from '../tasks/registry';

/** What the task reads of a running Operation (operations.ts), which passes itself. */
type RunningOperation = Pick<OperationView, 'id' | 'hostId' | 'stackName' | 'kind' | 'status' | 'error' | 'startedBy' | 'services' | 'log'> & {
  onChange(fn: () => void): () => void;
};

const VERB: Record<OperationKind, string> = {
  deploy: 'Deploy',
  rollback: 'Roll back',
  scale: 'Scale',
  stop: 'Stop',
  start: 'Start',
  restart: 'Restart',
  down: 'Take down',
  adopt: 'Adopt',
  recreate: 'Recreate',
  upgrade: 'Upgrade',
  'upgrade-finish': 'Finish upgrade of',
  'upgrade-rollback': 'Undo upgrade of',
};

export const operationTitle = (kind: OperationKind, stack: string) => `${VERB[kind]} stack ${stack}`;

/**
 * Mirrors a stack operation into the Tasks panel, so a deploy started on one page is still seen, with its progress,
 * after the user moves on (the stack page shows the same operation in full). The operation stays the record; the task
 * is a view of it that ends when it ends: succeeded, or failed with the operation's error.
 */
export function showOperationAsTask(b: HasTasks, op: RunningOperation): void {
  startTask(
    b,
    `stack.${op.kind}`,
    operationTitle(op.kind, op.stackName),
    op.hostId,
    (report) =>
      new Promise<{ operationId: string }>((resolve, reject) => {
        // The operation's log is capped (old entries dropped), so "what is new" is found by the last entry sent.
        let last: OperationView['log'][number] | undefined;
        const update = () => {
          const total = op.services.length;
          const finished = op.services.filter((s) => s.state === 'done' || s.state === 'skipped' || s.state === 'failed').length;
          const at = last ? op.log.lastIndexOf(last) : -1;
          const fresh = op.log.slice(at + 1);
          if (fresh.length) {
            report.log(...fresh.map((l) => (l.service ? `${l.service}: ${l.message}` : l.message)));
            last = fresh[fresh.length - 1];
          }
          report.progress(total ? finished / total : null, last?.message);
          if (op.status === 'running') return;
          off();
          if (op.status === 'succeeded') resolve({ operationId: op.id });
          else reject(new Error(op.error ?? `The ${op.kind} of stack ${op.stackName} was ${op.status}`));
        };
        const off = op.onChange(update);
        update();
      }),
    { by: op.startedBy, link: `/stacks/${encodeURIComponent(op.hostId)}/${encodeURIComponent(op.stackName)}` },
  );
}
