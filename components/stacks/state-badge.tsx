import { Badge, type Tone } from '@/components/ui/badge';
import type { OperationStatus, ServiceProgressState, StackState } from '@/lib/compose-types';

const STACK: Record<StackState, Tone> = { running: 'green', partial: 'amber', stopped: 'grey', 'not deployed': 'blue', empty: 'grey' };
const PROGRESS: Record<ServiceProgressState | OperationStatus, Tone> = {
  pending: 'grey',
  waiting: 'blue',
  working: 'blue',
  done: 'green',
  failed: 'red',
  skipped: 'grey',
  running: 'blue',
  succeeded: 'green',
  interrupted: 'amber',
};

export const StackStateBadge = ({ state }: { state: StackState }) => (
  <Badge tone={STACK[state]} dot>
    {state}
  </Badge>
);

export const ProgressBadge = ({ state }: { state: ServiceProgressState | OperationStatus }) => <Badge tone={PROGRESS[state]}>{state}</Badge>;
