import type { DependsCondition } from '../compose/model';
import type { Hint, StackDiagnosis } from '@/lib/diagnosis-types';
import { diagnoseEvidence } from './diagnose';
import { type ContainerEvidence, isUnhealthy, type ServiceEvidence, type StackEvidence } from './evidence';
import { quote } from './words';

/**
 * A stack's own rules (a dependency not met, a service with no container, the last operation that failed), on top
 * of each unhealthy container's hints. Pure, like the container rules.
 */

/** Why a dependency does not meet its condition, in words; null when it does. */
export function unmet(name: string, dep: ServiceEvidence | undefined, condition: DependsCondition): string | null {
  if (!dep) return `${name} is not in the stack`;
  if (!dep.containers.length) return `${name} has no container`;
  for (const c of dep.containers) {
    if (condition === 'service_completed_successfully') {
      if (c.running) return `${c.name} is still running (it must run to completion first)`;
      if (c.exitCode !== 0) return `${c.name} exited with code ${c.exitCode}`;
      continue;
    }
    if (c.restarting) return `${c.name} is restarting (exit code ${c.exitCode})`;
    if (!c.running) return `${c.name} is ${c.status}${c.status === 'exited' ? ` (exit code ${c.exitCode})` : ''}`;
    if (condition === 'service_healthy') {
      if (!c.health) return `${c.name} has no healthcheck, so it can never be healthy`;
      if (c.health.status !== 'healthy') {
        const last = c.health.log.at(-1);
        return `${c.name} is ${c.health.status}${last && last.exitCode !== 0 ? `, last check output ${quote(last.output || '(none)', 160)}` : ''}`;
      }
    }
  }
  return null;
}

const CONDITION_WORDS: Record<DependsCondition, string> = {
  service_started: 'running',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed successfully',
};

function serviceDown(s: ServiceEvidence): boolean {
  return (s.replicas !== 0 && !s.containers.length) || s.containers.some(isUnhealthy);
}

/** What the last failed operation said of a service, quoted, e.g. `; the last deploy said "db is unhealthy: …"`. */
function opSaid(e: StackEvidence, service: string): string {
  const p = e.lastFailed?.services.find((x) => x.service === service);
  return p?.message ? `; the last ${e.lastFailed!.kind} said ${quote(p.message)}` : '';
}

export function dependencyHints(e: StackEvidence): Hint[] {
  const byName = new Map(e.services.map((s) => [s.name, s]));
  const out: Hint[] = [];
  for (const s of e.services) {
    for (const [depName, condition] of Object.entries(s.dependsOn)) {
      const why = unmet(depName, byName.get(depName), condition);
      if (!why) continue;
      const down = serviceDown(s);
      out.push({
        id: 'dependency',
        severity: down ? 'error' : 'warning',
        service: s.name,
        title: `${s.name} ${down ? 'waits on' : 'depends on'} ${depName}, which is not ${CONDITION_WORDS[condition]}`,
        evidence: `depends_on ${depName} (condition: ${condition}); ${why}${why.endsWith('has no container') ? opSaid(e, depName) : ''}`,
        action: `Fix ${depName} first (its own hints are below); ${s.name} ${down ? 'starts' : 'is sound'} once ${depName} is ${CONDITION_WORDS[condition]}: deploy again then`,
      });
    }
  }
  return out;
}

export function missingContainers(e: StackEvidence): Hint[] {
  return e.services
    .filter((s) => (s.replicas ?? 0) > 0 && !s.containers.length)
    .map((s) => {
      const failed = e.lastFailed?.services.find((p) => p.service === s.name)?.state === 'failed';
      return {
        id: 'no-container',
        severity: 'error' as const,
        service: s.name,
        title: failed ? `${s.name} failed in the last ${e.lastFailed!.kind}, which removed its container` : `${s.name} has no container`,
        evidence: `the file wants ${s.replicas} replica${s.replicas === 1 ? '' : 's'}, the host has none${opSaid(e, s.name)}`,
        action: failed
          ? `A failed ${e.lastFailed!.kind} undoes what it created: fix what it said of ${s.name}, then deploy again`
          : 'Deploy the stack; if the deploy fails, its error (in the operations list) says why this service was not created',
      };
    });
}

export function lastOperation(e: StackEvidence): Hint[] {
  const op = e.lastFailed;
  if (!op) return [];
  return [
    {
      id: 'operation-failed',
      severity: 'error',
      title: `The last ${op.kind} ${op.status === 'interrupted' ? 'was interrupted' : 'failed'}`,
      evidence: `${op.kind} ${op.status}${op.finishedAt ? ` at ${op.finishedAt}` : ''}${op.error ? `: ${quote(op.error, 400)}` : ''}`,
      action: 'Fix what the error names, then deploy again; the operation’s log on this page has every step',
    },
  ];
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

const tag = (c: ContainerEvidence, h: Hint): Hint => ({ ...h, service: c.labels['com.docker.compose.service'] ?? h.service, container: c.name });

export function diagnoseStackEvidence(e: StackEvidence): StackDiagnosis {
  const containers = e.services
    .flatMap((s) => s.containers)
    .filter(isUnhealthy)
    .map(diagnoseEvidence);
  const own = [...lastOperation(e), ...dependencyHints(e), ...missingContainers(e)];
  const byId = new Map(e.services.flatMap((s) => s.containers).map((c) => [c.id, c]));
  const fromContainers = containers.flatMap((d) => d.hints.map((h) => tag(byId.get(d.container.id)!, h)));
  // most severe first; the stack's own hints before the containers' among equals
  const hints = [...own, ...fromContainers]
    .map((h, i) => ({ h, i }))
    .sort((a, b) => RANK[a.h.severity] - RANK[b.h.severity] || a.i - b.i)
    .map(({ h }) => h);
  return { stack: e.name, healthy: !hints.some((h) => h.severity === 'error') && !containers.length, hints, containers };
}
