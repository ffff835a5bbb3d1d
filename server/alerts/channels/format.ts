import type { AlertTransition } from '@/lib/alert-types';

/** Words shared by every channel's message, so Slack, Discord, ntfy and email say the same thing. */

export const CHANGE_WORD: Record<AlertTransition['change'], string> = { fired: 'FIRING', repeated: 'STILL FIRING', resolved: 'RESOLVED' };

/** "web-1 on host alpha" */
export function subjectLine(t: AlertTransition): string {
  const { subject, hostName } = t.alert;
  return `${subject.type} ${subject.name}${hostName ? ` on host ${hostName}` : ''}`;
}

/** "[FIRING] critical · Container died: container web-1 on host alpha" */
export function headline(t: AlertTransition): string {
  const { severity, ruleName } = t.alert;
  return `[${CHANGE_WORD[t.change]}] ${severity} · ${ruleName}: ${subjectLine(t)}`;
}

/** A few plain lines for bodies that take text (email, ntfy). */
export function textBody(t: AlertTransition): string {
  const a = t.alert;
  const lines = [
    a.summary,
    '',
    `Rule: ${a.ruleName} (${a.kind}, ${a.severity})`,
    `Subject: ${subjectLine(t)}`,
    `First seen: ${a.firstAt}${a.count > 1 ? ` · seen ${a.count} times` : ''}`,
  ];
  if (t.change === 'resolved' && a.resolvedAt) lines.push(`Resolved: ${a.resolvedAt}`);
  return lines.join('\n');
}

/** The same test alert for every channel: what "Send test" sends. */
export function testTransition(channelName: string, by: string, now = new Date()): AlertTransition {
  const at = now.toISOString();
  return {
    change: 'fired',
    at,
    alert: {
      id: `test-${now.getTime()}`,
      ruleId: 'test',
      ruleName: 'Test alert',
      kind: 'container-died',
      severity: 'info',
      state: 'firing',
      hostId: null,
      hostName: null,
      subject: { type: 'container', id: 'test', name: 'berth-test' },
      summary: `A test alert from Berth to channel "${channelName}", sent by ${by}. Nothing is wrong.`,
      firstAt: at,
      lastAt: at,
      resolvedAt: null,
      count: 1,
      silenced: false,
    },
  };
}
