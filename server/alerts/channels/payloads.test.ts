import { describe, expect, it } from 'vitest';
import type { AlertTransition } from '@/lib/alert-types';
import { discordPayload } from './discord';
import { emailMessage } from './email';
import { headline, textBody } from './format';
import { maskUrl, networkError } from './http';
import { headerText, ntfyRequest } from './ntfy';
import { slackPayload } from './slack';

const base: AlertTransition = {
  change: 'fired',
  at: '2026-01-02T03:04:05.000Z',
  alert: {
    id: 'a1',
    ruleId: 'r1',
    ruleName: 'Container died',
    kind: 'container-died',
    severity: 'warning',
    state: 'firing',
    hostId: 'h1',
    hostName: 'alpha',
    subject: { type: 'container', id: 'c1', name: 'web-<1>' },
    summary: 'exited with code 137 (killed) & restarted',
    firstAt: '2026-01-02T03:00:00.000Z',
    lastAt: '2026-01-02T03:04:05.000Z',
    resolvedAt: null,
    count: 3,
    silenced: false,
  },
};
const resolved: AlertTransition = { ...base, change: 'resolved', alert: { ...base.alert, state: 'resolved', resolvedAt: '2026-01-02T04:00:00.000Z' } };

describe('message words', () => {
  it('headline and text body', () => {
    expect(headline(base)).toBe('[FIRING] warning · Container died: container web-<1> on host alpha');
    expect(headline(resolved)).toMatch(/^\[RESOLVED\]/);
    expect(textBody(base)).toContain('seen 3 times');
    expect(textBody(resolved)).toContain('Resolved: 2026-01-02T04:00:00.000Z');
  });
});

describe('Slack', () => {
  it('has a text fallback and escaped mrkdwn blocks', () => {
    const p = slackPayload(base);
    expect(p.text).toBe(':warning: [FIRING] warning · Container died: container web-<1> on host alpha');
    expect(p.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    const section = (p.blocks[0] as { text: { text: string } }).text.text;
    expect(section).toContain('exited with code 137 (killed) &amp; restarted');
    expect(p.blocks[1].type).toBe('context');
    expect(slackPayload(resolved).text).toMatch(/^:white_check_mark: \[RESOLVED\]/);
  });
});

describe('Discord', () => {
  it('one embed, coloured by severity, green when resolved, no mentions', () => {
    const p = discordPayload(base);
    expect(p.embeds[0]).toMatchObject({ title: '[FIRING] Container died: web-<1>', color: 0xf9ab00, timestamp: base.at });
    expect(p.embeds[0].fields.map((f) => f.name)).toEqual(['Rule', 'Severity', 'Subject', 'Seen']);
    expect(p.allowed_mentions.parse).toEqual([]);
    expect(discordPayload(resolved).embeds[0].color).toBe(0x188038);
  });

  it('keeps within Discord limits', () => {
    const long = { ...base, alert: { ...base.alert, summary: 'x'.repeat(5000), ruleName: 'r'.repeat(300) } };
    const e = discordPayload(long).embeds[0];
    expect(e.description.length).toBe(4096);
    expect(e.title.length).toBe(256);
  });
});

describe('ntfy', () => {
  it('POSTs to <server>/<topic> with Title, Priority and Tags', () => {
    const r = ntfyRequest('https://ntfy.example.com/', 'ops', 'tk', base);
    expect(r.url).toBe('https://ntfy.example.com/ops');
    expect(r.headers).toMatchObject({ title: '[FIRING] Container died: web-<1>', priority: '4', tags: 'warning,container-died', authorization: 'Bearer tk' });
    expect(r.body).toContain('exited with code 137');
    const done = ntfyRequest('https://ntfy.sh', 'ops', null, resolved);
    expect(done.headers).toMatchObject({ priority: '3', tags: 'white_check_mark' });
    expect(done.headers.authorization).toBeUndefined();
  });

  it('encodes header text that is not plain ASCII', () => {
    expect(headerText('plain')).toBe('plain');
    expect(headerText('a\nb')).toBe('a b');
    expect(headerText('café')).toBe(`=?UTF-8?B?${Buffer.from('café').toString('base64')}?=`);
  });
});

describe('email', () => {
  it('subject on one line, text body, alert headers', () => {
    const m = emailMessage({ from: 'b@x', to: ['o@x'] }, base);
    expect(m.subject).toBe('[Berth] [FIRING] warning · Container died: container web-<1> on host alpha');
    expect(m.text).toContain('exited with code 137');
    expect(m.headers).toEqual({ 'X-Berth-Alert': 'a1', 'X-Berth-Change': 'fired' });
  });
});

describe('outbound URLs in words', () => {
  it('masks all but scheme, host and port', () => {
    expect(maskUrl('https://hooks.slack.com/services/T0/B0/secret')).toBe('https://hooks.slack.com/…');
    expect(maskUrl('http://10.0.0.5:8080/')).toBe('http://10.0.0.5:8080');
    expect(maskUrl('http://h/?token=x')).toBe('http://h/…');
    expect(maskUrl('nope')).toBe('(not a URL)');
  });

  it('names the failure, never the path', () => {
    expect(networkError({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 }, 'http://127.0.0.1:9/…')).toBe(
      'connection refused at 127.0.0.1:9 — is the URL right?',
    );
    expect(networkError({ cause: { code: 'ENOTFOUND' } }, 'https://nope.invalid/…')).toBe(
      'the host of https://nope.invalid/… was not found (DNS) — is the URL right?',
    );
    expect(networkError({ name: 'TimeoutError' }, 'http://h/…', 10_000)).toBe(
      'no answer from http://h/… within 10 s — is the receiver up and reachable from Berth?',
    );
  });
});
