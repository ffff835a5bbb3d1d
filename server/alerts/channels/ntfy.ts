import type { AlertTransition } from '@/lib/alert-types';
import { CHANGE_WORD, textBody } from './format';
import { postOnce } from './http';
import type { AttemptOutcome } from './queue';

const PRIORITY: Record<string, string> = { critical: '5', warning: '4', info: '3' };
const TAG: Record<string, string> = { critical: 'rotating_light', warning: 'warning', info: 'information_source' };

/** HTTP header values must be Latin-1: anything else is sent RFC 2047-encoded, which ntfy decodes. */
export function headerText(s: string): string {
  const oneLine = s.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${Buffer.from(oneLine, 'utf8').toString('base64')}?=`;
}

/** ntfy publish: POST <server>/<topic> with the message as the body and Title, Priority and Tags headers. */
export function ntfyRequest(server: string, topic: string, token: string | null, t: AlertTransition) {
  const a = t.alert;
  const url = `${server.replace(/\/+$/, '')}/${encodeURIComponent(topic)}`;
  const resolved = t.change === 'resolved';
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'user-agent': 'Berth-Alerts/1',
    title: headerText(`[${CHANGE_WORD[t.change]}] ${a.ruleName}: ${a.subject.name}`),
    priority: resolved ? '3' : (PRIORITY[a.severity] ?? '3'),
    tags: resolved ? 'white_check_mark' : `${TAG[a.severity] ?? 'bell'},${a.kind}`,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  return { url, body: textBody(t), headers };
}

export function sendNtfy(server: string, topic: string, token: string | null, t: AlertTransition): Promise<AttemptOutcome> {
  const { url, body, headers } = ntfyRequest(server, topic, token, t);
  return postOnce(url, body, headers);
}
