import { ACCESS_RULES, EVENTS } from './activity-access-rules';
import { HOST_RULES } from './activity-host-rules';
import { type ActivitySentence, on, type Parts } from './activity-parts';
import { describeStackEvent, STACK_RULES } from './activity-stack-rules';
import type { AuditView } from './auth-types';

/**
 * The Activity page's reading of an audit entry: "deployed stack wp on vm", "removed container web-1 on a", with a
 * link to the object when it still exists. The store keeps the route template ("POST /api/v1/hosts/{id}/…") so entries
 * group and filter by action; this turns one into words, with the rules of activity-host-rules.ts,
 * activity-stack-rules.ts and activity-access-rules.ts. Pure (unit-tested in activity-sentence.test.ts).
 */
export type { ActivitySentence } from './activity-parts';

type Entry = Pick<AuditView, 'action' | 'target' | 'hostId' | 'status' | 'result' | 'details'>;

// every rule's path is a whole route template, so no two rules match the same action and their order does not matter
const RULES = [...HOST_RULES, ...STACK_RULES, ...ACCESS_RULES];

/** "name=wp action=stop" → { name: 'wp', action: 'stop' } (values never contain spaces: they are path segments) */
export function parseTarget(target: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (target ?? '').split(' ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** One audit entry, as a sentence with a link; anything unknown reads as its raw action rather than a wrong guess. */
export function describeActivity(e: Entry, hostName: string | null): ActivitySentence {
  const p: Parts = {
    host: hostName ?? '',
    hostId: e.hostId ?? '',
    t: parseTarget(e.target),
    body: e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {},
    status: e.status,
    result: e.result,
  };
  const m = /^([A-Z]+) (\/\S*)$/.exec(e.action);
  if (m) {
    const rule = RULES.find(([method, path]) => method === m[1] && path.test(m[2]));
    return rule ? rule[2](p) : { text: e.action };
  }
  const stackEvent = describeStackEvent(e, p);
  if (stackEvent) return stackEvent;
  const event = EVENTS[e.action];
  return event ? { text: `${event}${e.action === 'exec.open' ? on(p) : ''}` } : { text: e.action };
}
