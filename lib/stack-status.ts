import type { StackServiceState, StackSummary } from './compose-types';

/**
 * What the stack page says about a stack's history, and whether its lifecycle buttons mean anything yet. A stack
 * Berth adopted runs containers but has no version deployed by Berth: it must not read "not deployed yet".
 * Pure (stack-status.test.ts).
 */
export function stackLifecycle(s: Pick<StackSummary, 'running' | 'total' | 'deployedVersion'>): { description: string; neverDeployed: boolean } {
  const counts = `${s.running}/${s.total} ${s.total === 1 ? 'container' : 'containers'} running`;
  if (s.deployedVersion) return { description: `${counts} · version ${s.deployedVersion}`, neverDeployed: false };
  if (s.total > 0) return { description: `${counts} · adopted as found on the host; deploy to make this file version 1`, neverDeployed: false };
  return { description: `${counts} · not deployed yet`, neverDeployed: true };
}

/** Why Start/Stop/Restart/Down are off on a stack that was never deployed (there is nothing to act on). */
export const NEVER_DEPLOYED_WHY = 'Nothing to act on yet: this stack has never been deployed. Deploy it first.';

/**
 * A scale request that would change nothing: the count asked for is what the file says and what runs. Sending it
 * would still rewrite the file (adding deploy.replicas), so the page says so instead.
 */
export function scaleChangesNothing(s: Pick<StackServiceState, 'replicas' | 'containers'>, wanted: number): boolean {
  return (s.replicas ?? s.containers.length) === wanted && s.containers.length === wanted;
}
