import { describe, expect, it } from 'vitest';
import { ChannelCreateSchema, ChannelUpdateSchema, splitRecipients } from './alert-channels';

const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('alert channel schemas', () => {
  it('takes each kind', () => {
    expect(ChannelCreateSchema.parse({ kind: 'webhook', name: 'h', webhookUrl: 'https://x.example/h', signingSecret: 's' })).toMatchObject({ enabled: true });
    expect(ChannelCreateSchema.parse({ kind: 'slack', name: 's', webhookUrl: 'https://hooks.slack.com/services/a/b/c' }).kind).toBe('slack');
    expect(ChannelCreateSchema.parse({ kind: 'discord', name: 'd', webhookUrl: 'http://10.0.0.1:8080/d', enabled: false }).enabled).toBe(false);
    expect(ChannelCreateSchema.parse({ kind: 'ntfy', name: 'n', server: 'https://ntfy.sh', topic: 'ops_1' })).toMatchObject({ topic: 'ops_1' });
    const mail = ChannelCreateSchema.parse({ kind: 'email', name: 'm', host: 'smtp.x', port: '587', security: 'starttls', from: 'a@x', to: ['b@x'] });
    expect(mail).toMatchObject({ port: 587 });
  });

  it('refuses URLs that are not http(s), with the cause', () => {
    const r = ChannelCreateSchema.safeParse({ kind: 'webhook', name: 'h', webhookUrl: 'ftp://x/h' });
    expect(messages(r)).toEqual(['Webhook URL must start with http:// or https:// (not ftp:)']);
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'slack', name: 's', webhookUrl: 'hooks.slack.com/x' }))).toEqual([
      'Slack webhook URL is not a URL: write it in full, like https://hooks.example.com/berth',
    ]);
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'slack', name: 's', webhookUrl: '' }))).toEqual(['Slack webhook URL is required']);
  });

  it('names the bad field', () => {
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'ntfy', name: 'n', server: 'https://ntfy.sh', topic: 'a/b' }))).toEqual([
      'Topic may use letters, digits, "_" and "-" (1 to 64 characters)',
    ]);
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'email', name: 'm', host: 'h', port: 0, security: 'none', from: 'nope', to: [] }))).toEqual([
      'Port must be between 1 and 65535',
      'Give an email address like ops@example.com',
      'Give at least one recipient',
    ]);
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'pager', name: 'p' }))[0]).toMatch(/kind|discriminator|Invalid/i);
    expect(messages(ChannelCreateSchema.safeParse({ kind: 'slack', name: ' ', webhookUrl: 'https://x' }))).toEqual([
      'Name is required: a name for people, like "ops-slack"',
    ]);
  });

  it('on update, an empty secret means keep the stored one', () => {
    const slack = (v: unknown) => ChannelUpdateSchema.parse(v) as { webhookUrl?: string };
    expect(slack({ kind: 'slack', name: 's', webhookUrl: '' }).webhookUrl).toBe('');
    expect(slack({ kind: 'slack', name: 's' }).webhookUrl).toBeUndefined();
    expect(ChannelUpdateSchema.safeParse({ kind: 'slack', name: 's', webhookUrl: 'gopher://x' }).success).toBe(false);
  });

  it('splits a recipients field', () => {
    expect(splitRecipients(' a@x, b@y;c@z\nd@w ')).toEqual(['a@x', 'b@y', 'c@z', 'd@w']);
  });
});
