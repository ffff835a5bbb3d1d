import type { ContainerDiagnosis, StackDiagnosis } from '@/lib/diagnosis-types';
import type { Berth } from '../berth';
import { diagnoseEvidence } from './diagnose';
import { gatherContainer, gatherStack } from './gather';
import { diagnoseStackEvidence } from './stack-rules';

/**
 * The "Why?" panel's use cases: gather the evidence once (gather.ts), then run the pure rules over it. `canSeeSecrets`
 * decides whether a sensitive container's log lines are read, as for the logs route.
 */
export async function diagnoseContainer(b: Berth, hostId: string, cid: string, opts: { canSeeSecrets: boolean }): Promise<ContainerDiagnosis> {
  return diagnoseEvidence(await gatherContainer(b, hostId, cid, { canSeeSecrets: opts.canSeeSecrets, logsOfHealthy: true }));
}

export async function diagnoseStack(b: Berth, hostId: string, name: string, opts: { canSeeSecrets: boolean }): Promise<StackDiagnosis> {
  return diagnoseStackEvidence(await gatherStack(b, hostId, name, opts));
}
