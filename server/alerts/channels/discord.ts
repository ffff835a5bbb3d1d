import type { AlertTransition } from '@/lib/alert-types';
import { CHANGE_WORD, subjectLine } from './format';
import { postOnce } from './http';
import type { AttemptOutcome } from './queue';

/** Embed colours: red, amber, blue; green when resolved. */
const COLOR: Record<string, number> = { critical: 0xd93025, warning: 0xf9ab00, info: 0x1a73e8, resolved: 0x188038 };

/** Discord webhook message: one embed. Discord limits titles to 256 and descriptions to 4096 characters. */
export function discordPayload(t: AlertTransition) {
  const a = t.alert;
  const fields = [
    { name: 'Rule', value: `${a.ruleName} (${a.kind})`, inline: true },
    { name: 'Severity', value: a.severity, inline: true },
    { name: 'Subject', value: subjectLine(t), inline: false },
  ];
  if (a.count > 1) fields.push({ name: 'Seen', value: `${a.count} times`, inline: true });
  return {
    username: 'Berth',
    // no @everyone or role pings from text that came from container names
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: `[${CHANGE_WORD[t.change]}] ${a.ruleName}: ${a.subject.name}`.slice(0, 256),
        description: a.summary.slice(0, 4096),
        color: t.change === 'resolved' ? COLOR.resolved : (COLOR[a.severity] ?? COLOR.info),
        timestamp: t.at,
        fields: fields.map((f) => ({ ...f, value: f.value.slice(0, 1024) })),
        footer: { text: 'Berth alerts' },
      },
    ],
  };
}

export function sendDiscord(url: string, t: AlertTransition): Promise<AttemptOutcome> {
  return postOnce(url, JSON.stringify(discordPayload(t)), { 'content-type': 'application/json', 'user-agent': 'Berth-Alerts/1' });
}
