import type { ContainerDiagnosis, Hint } from '@/lib/diagnosis-types';
import { commandFailed, type ContainerRule, exitCode, externalCheck, oomKilled, restartLoop, unhealthy } from './container-rules';
import { type ContainerEvidence, isUnhealthy } from './evidence';
import { imageProblem, mountMissing, neverStarted, pausedOrDead, portConflict } from './resource-rules';
import { quote } from './words';

/** Every container rule, in the order their hints are most useful when several apply (the cause before the loop). */
export const CONTAINER_RULES: ContainerRule[] = [
  oomKilled,
  commandFailed,
  portConflict,
  mountMissing,
  imageProblem,
  exitCode,
  unhealthy,
  externalCheck,
  restartLoop,
  neverStarted,
  pausedOrDead,
];

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Never nothing for a container that is not healthy: what the Engine said, quoted, when no rule knew it. */
function generic(e: ContainerEvidence): Hint {
  return {
    id: 'generic',
    severity: 'warning',
    title: `Not running: ${e.status}`,
    evidence: e.error
      ? `State.Error ${quote(e.error)}`
      : `status ${e.status}, exit code ${e.exitCode}${e.restartCount ? `, RestartCount=${e.restartCount}` : ''}`,
    action: e.logs?.length
      ? 'Read the last log lines below, and the container’s events in the Activity log'
      : 'Read the container’s logs and the Activity log for the last thing done to it',
  };
}

/** The hints of one container, most severe first (stable otherwise, so rule order decides ties). */
export function containerHints(e: ContainerEvidence): Hint[] {
  const hints = CONTAINER_RULES.flatMap((rule) => rule(e));
  if (isUnhealthy(e) && !hints.some((h) => h.severity !== 'info' || h.id === 'exit-code' || h.id === 'paused')) hints.push(generic(e));
  return hints
    .map((h, i) => ({ h, i }))
    .sort((a, b) => RANK[a.h.severity] - RANK[b.h.severity] || a.i - b.i)
    .map(({ h }) => h);
}

export function diagnoseEvidence(e: ContainerEvidence): ContainerDiagnosis {
  return {
    container: { id: e.id, name: e.name, state: e.restarting ? 'restarting' : e.status, health: e.health?.status ?? null },
    healthy: !isUnhealthy(e),
    hints: containerHints(e),
    logs: e.logs,
  };
}
