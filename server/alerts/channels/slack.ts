import type { AlertTransition } from '@/lib/alert-types';
import { headline, subjectLine } from './format';
import { postOnce } from './http';
import type { AttemptOutcome } from './queue';

const EMOJI: Record<string, string> = { critical: ':rotating_light:', warning: ':warning:', info: ':information_source:' };

/** Slack incoming-webhook message (also taken by Mattermost and Rocket.Chat): `text` for notifications, blocks for the channel. */
export function slackPayload(t: AlertTransition) {
  const a = t.alert;
  const icon = t.change === 'resolved' ? ':white_check_mark:' : (EMOJI[a.severity] ?? '');
  const text = `${icon} ${headline(t)}`.trim();
  const facts = [`*Rule:* ${a.ruleName} (${a.kind})`, `*Subject:* ${subjectLine(t)}`, `*Since:* ${a.firstAt}`];
  if (a.count > 1) facts.push(`*Seen:* ${a.count} times`);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\n${escape(a.summary)}` } },
      { type: 'context', elements: facts.map((f) => ({ type: 'mrkdwn', text: escape(f).replace(/^\\\*/, '*') })) },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as markup */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function sendSlack(url: string, t: AlertTransition): Promise<AttemptOutcome> {
  return postOnce(url, JSON.stringify(slackPayload(t)), { 'content-type': 'application/json', 'user-agent': 'Berth-Alerts/1' });
}
