import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/alerts/channels/route';
import * as one from '@/app/api/v1/alerts/channels/[cid]/route';
import * as deliveriesRoute from '@/app/api/v1/alerts/channels/[cid]/deliveries/route';
import * as testRoute from '@/app/api/v1/alerts/channels/[cid]/test/route';
import type { AlertChannelView, AlertDeliveryView, ChannelTestResult } from '@/lib/alert-channel-types';
import type { AlertTransition } from '@/lib/alert-types';
import { dispatchAlert } from '@/server/alerts/channels/dispatch';
import { verifySignature } from '@/server/alerts/channels/webhook';
import { type Berth, installBerth } from '@/server/context';
import { httpReceiver, smtpSink } from './alert-channels-support';
import { freshBerth, harness, params, req, resetPostgres, signUp, type Store, waitFor } from './support';

/**
 * Alert channels against loopback receivers: a webhook receiver checks the HMAC signature; Slack, Discord and ntfy
 * stand-ins see their payload shapes; an SMTP sink receives the email; a receiver that fails twice gets a third,
 * delivered attempt; and no response or audit entry carries a secret. On SQLite and on PostgreSQL (a database of this
 * suite's own).
 */
const SIGNING = 'sig-secret-0f9e8d7c6b5a';
const SLACK_TOKEN = 'T0SLACK/B0SLACK/slacktokenXYZ123';
const DISCORD_TOKEN = '112233/discordTokenABC789';
const NTFY_TOKEN = 'tk_ntfytoken456';
const SMTP_PASSWORD = 'smtp-Pa55-word-987';
const SECRETS = [SIGNING, SLACK_TOKEN, DISCORD_TOKEN, NTFY_TOKEN, SMTP_PASSWORD, 'hooktoken-777'];

const transition = (id: string, summary = 'container web-1 exited with code 137 (killed)'): AlertTransition => ({
  change: 'fired',
  at: new Date().toISOString(),
  alert: {
    id,
    ruleId: 'r1',
    ruleName: 'Container died',
    kind: 'container-died',
    severity: 'critical',
    state: 'firing',
    hostId: 'h1',
    hostName: 'alpha',
    subject: { type: 'container', id: 'c1', name: 'web-1' },
    summary,
    firstAt: new Date().toISOString(),
    lastAt: new Date().toISOString(),
    resolvedAt: null,
    count: 1,
    silenced: false,
  },
});

async function pgOwnDatabase(): Promise<string> {
  const url = new URL(harness().PG_URL);
  const admin = new pg.Client({ connectionString: url.href });
  await admin.connect();
  await admin.query('CREATE DATABASE berth_alert_channels').catch((e: { code?: string }) => {
    if (e.code !== '42P04') throw e; // exists already
  });
  await admin.end();
  url.pathname = '/berth_alert_channels';
  await resetPostgres(url.href);
  return url.href;
}

describe.each<Store>(['sqlite', 'postgres'])('alert channels on %s', (store) => {
  let berth: Berth;
  let rx: Awaited<ReturnType<typeof httpReceiver>>;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  /** every response body the API gave, to look for secrets in at the end */
  const seen: string[] = [];

  async function call<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await res;
    const text = await r.text();
    seen.push(text);
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }
  const create = async (json: unknown) =>
    (await call<{ channel: AlertChannelView }>(list.POST(req('/api/v1/alerts/channels', { method: 'POST', json }), params({})))).channel;
  const sendTest = (cid: string) => call<ChannelTestResult>(testRoute.POST(req(`/api/v1/alerts/channels/${cid}/test`, { method: 'POST' }), params({ cid })));
  const deliveries = async (cid: string) =>
    (await call<{ deliveries: AlertDeliveryView[] }>(deliveriesRoute.GET(req(`/api/v1/alerts/channels/${cid}/deliveries`), params({ cid })))).deliveries;

  beforeAll(async () => {
    berth = store === 'sqlite' ? await freshBerth('sqlite') : await freshBerth('sqlite', { DATABASE_URL: await pgOwnDatabase() });
    installBerth(berth);
    // /flaky fails twice, then takes it; /broken always answers 500
    rx = await httpReceiver((path, n) => (path === '/flaky' && n <= 2 ? 500 : path === '/broken' ? 500 : 200));
    smtp = await smtpSink();
  }, 60_000);
  afterAll(async () => {
    await berth?.close();
    await rx?.close();
    await smtp?.close();
  });

  it('webhook: signed JSON, sent by Send test and by dispatchAlert', async () => {
    const ch = await create({ kind: 'webhook', name: 'hook', webhookUrl: `${rx.url}/hook?token=hooktoken-777`, signingSecret: SIGNING });
    expect(ch).toMatchObject({ kind: 'webhook', enabled: true, target: `${rx.url}/…`, secretsSet: { webhookUrl: true, signingSecret: true } });

    const result = await sendTest(ch.id);
    expect(result.ok, result.message).toBe(true);
    expect(result.message).toMatch(/^Delivered to http:\/\/127\.0\.0\.1:\d+\/… \(HTTP 200\)$/);
    const got = rx.received.filter((r) => r.path.startsWith('/hook'));
    expect(got).toHaveLength(1);
    expect(got[0].headers['content-type']).toBe('application/json');
    expect(verifySignature(SIGNING, got[0].body, got[0].headers['x-berth-signature'] as string)).toBe(true);
    expect(verifySignature('wrong', got[0].body, got[0].headers['x-berth-signature'] as string)).toBe(false);
    const body = JSON.parse(got[0].body);
    expect(body).toMatchObject({ type: 'berth.alert', change: 'fired', attempt: 1, alert: { ruleName: 'Test alert' } });
    expect(String(body.sentAt)).toBe(got[0].headers['x-berth-timestamp']);

    const before = Date.now();
    dispatchAlert(berth, transition('a-hook'), [ch.id]);
    const real = await waitFor('the dispatched webhook', () => rx.received.find((r) => r.path.startsWith('/hook') && r.body.includes('a-hook')));
    expect(real.at - before).toBeLessThan(2000);
    expect(JSON.parse(real.body).alert).toMatchObject({ id: 'a-hook', summary: 'container web-1 exited with code 137 (killed)', hostName: 'alpha' });
    const log = await waitFor('the delivery recorded', async () => (await deliveries(ch.id)).find((d) => d.alertId === 'a-hook'));
    expect(log).toMatchObject({ status: 'delivered', attempt: 1, response: 'HTTP 200', error: null, change: 'fired' });
  });

  it('Slack and Discord: their payload shapes', async () => {
    const slack = await create({ kind: 'slack', name: 'slack', webhookUrl: `${rx.url}/services/${SLACK_TOKEN}` });
    const discord = await create({ kind: 'discord', name: 'discord', webhookUrl: `${rx.url}/api/webhooks/${DISCORD_TOKEN}` });
    dispatchAlert(berth, transition('a-chat'), [slack.id, discord.id]);
    const s = await waitFor('slack message', () => rx.received.find((r) => r.path.startsWith('/services/') && r.body.includes('web-1')));
    const sj = JSON.parse(s.body);
    expect(sj.text).toContain('[FIRING] critical · Container died: container web-1 on host alpha');
    expect(sj.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(sj.blocks[0].text.text).toContain('exited with code 137');
    const d = await waitFor('discord message', () => rx.received.find((r) => r.path.startsWith('/api/webhooks/')));
    const dj = JSON.parse(d.body);
    expect(dj.embeds).toHaveLength(1);
    expect(dj.embeds[0]).toMatchObject({
      title: '[FIRING] Container died: web-1',
      description: 'container web-1 exited with code 137 (killed)',
      color: 0xd93025,
    });
    expect(dj.allowed_mentions).toEqual({ parse: [] });
  });

  it('ntfy: POST /<topic> with Title, Priority, Tags and the token', async () => {
    const ch = await create({ kind: 'ntfy', name: 'ntfy', server: `${rx.url}/`, topic: 'ops-alerts', token: NTFY_TOKEN });
    expect(ch.target).toBe(`${rx.url}/ops-alerts`);
    expect(ch.secretsSet).toEqual({ token: true });
    dispatchAlert(berth, transition('a-ntfy'), [ch.id]);
    const n = await waitFor('ntfy publish', () => rx.received.find((r) => r.path === '/ops-alerts'));
    expect(n.method).toBe('POST');
    expect(n.headers).toMatchObject({
      title: '[FIRING] Container died: web-1',
      priority: '5',
      tags: 'rotating_light,container-died',
      authorization: `Bearer ${NTFY_TOKEN}`,
    });
    expect(n.body).toContain('container web-1 exited with code 137 (killed)');
  });

  it('email: the SMTP sink receives it, with the password given to AUTH', async () => {
    const ch = await create({
      kind: 'email',
      name: 'mail',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      from: 'berth@example.test',
      to: ['ops@example.test', 'oncall@example.test'],
      username: 'berth',
      password: SMTP_PASSWORD,
    });
    expect(ch.secretsSet).toEqual({ password: true });
    const before = smtp.mails.length;
    const result = await sendTest(ch.id);
    expect(result.ok, result.message).toBe(true);
    expect(result.delivery.response).toMatch(/^250 2\.0\.0 Ok/);
    const mail = smtp.mails[before];
    expect(mail.from).toBe('berth@example.test');
    expect(mail.to).toEqual(['ops@example.test', 'oncall@example.test']);
    expect(mail.auth).toBe(`\0berth\0${SMTP_PASSWORD}`);
    // the subject holds a "·", so it travels MIME-encoded
    expect(mail.data).toMatch(/Subject: =\?UTF-8\?Q\?=5BBerth=5D_=5BFIRING=5D_info_=C2=B7_Tes/);
    expect(mail.data).toContain('A test alert from Berth to channel "mail"');
  });

  it('a receiver that fails twice: three attempts recorded, the last delivered', { timeout: 20_000 }, async () => {
    const ch = await create({ kind: 'webhook', name: 'flaky', webhookUrl: `${rx.url}/flaky` });
    dispatchAlert(berth, transition('a-flaky'), [ch.id]);
    const log = await waitFor(
      'the third attempt',
      async () => {
        const d = await deliveries(ch.id);
        return d.some((x) => x.status === 'delivered') && d;
      },
      15_000,
    );
    expect(log.map((d) => [d.attempt, d.status, d.response]).reverse()).toEqual([
      [1, 'retrying', 'HTTP 500'],
      [2, 'retrying', 'HTTP 500'],
      [3, 'delivered', 'HTTP 200'],
    ]);
    expect(log[2].error).toBe('the receiver answered 500: receiver says no');
    expect(rx.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
  });

  it('Send test says what went wrong in plain words', async () => {
    const refused = await create({ kind: 'webhook', name: 'nobody', webhookUrl: 'http://127.0.0.1:9/x' });
    const r1 = await sendTest(refused.id);
    expect(r1).toMatchObject({ ok: false, message: 'Not delivered: connection refused at 127.0.0.1:9 — is the URL right?' });
    expect(r1.delivery.status).toBe('failed');
    const broken = await create({ kind: 'webhook', name: 'broken', webhookUrl: `${rx.url}/broken` });
    expect((await sendTest(broken.id)).message).toBe('Not delivered: the receiver answered 500: receiver says no');
    const noMail = await create({ kind: 'email', name: 'no-mail', host: '127.0.0.1', port: 9, security: 'none', from: 'a@b.test', to: ['c@d.test'] });
    expect((await sendTest(noMail.id)).message).toBe('Not delivered: connection refused at 127.0.0.1:9 — is the URL right?');
  });

  it('edits keep a secret left blank; the kind cannot change; bad input is refused', async () => {
    const { channels } = await call<{ channels: AlertChannelView[] }>(list.GET(req('/api/v1/alerts/channels'), params({})));
    const hook = channels.find((c) => c.name === 'hook')!;
    const put = (cid: string, json: unknown, status = 200) =>
      call<{ channel?: AlertChannelView; error?: { message: string } }>(
        one.PUT(req(`/api/v1/alerts/channels/${cid}`, { method: 'PUT', json }), params({ cid })),
        status,
      );
    const edited = await put(hook.id, { kind: 'webhook', name: 'hook-renamed', webhookUrl: '', signingSecret: '' });
    expect(edited.channel).toMatchObject({ name: 'hook-renamed', secretsSet: { webhookUrl: true, signingSecret: true } });
    const n = rx.received.length;
    expect((await sendTest(hook.id)).ok).toBe(true);
    expect(verifySignature(SIGNING, rx.received[n].body, rx.received[n].headers['x-berth-signature'] as string)).toBe(true);

    // forgetting the signing secret: the next body goes unsigned
    const unsigned = await put(hook.id, { kind: 'webhook', name: 'hook-renamed', clearSigningSecret: true });
    expect(unsigned.channel!.secretsSet).toEqual({ webhookUrl: true, signingSecret: false });
    const m = rx.received.length;
    expect((await sendTest(hook.id)).ok).toBe(true);
    expect(rx.received[m].headers['x-berth-signature']).toBeUndefined();

    expect((await put(hook.id, { kind: 'slack', name: 'x', webhookUrl: '' }, 400)).error!.message).toMatch(/its kind cannot change/);
    const bad = await call<{ error: { message: string } }>(
      list.POST(req('/api/v1/alerts/channels', { method: 'POST', json: { kind: 'webhook', name: 'ftp', webhookUrl: 'ftp://example.com/x' } }), params({})),
      400,
    );
    expect(bad.error.message).toMatch(/must start with http:\/\/ or https:\/\//);
    const dup = await call<{ error: { message: string } }>(
      list.POST(
        req('/api/v1/alerts/channels', { method: 'POST', json: { kind: 'slack', name: 'slack', webhookUrl: 'https://hooks.slack.com/x' } }),
        params({}),
      ),
      409,
    );
    expect(dup.error.message).toMatch(/already exists/);

    const viewer = await signUp(berth, `viewer-${store}`, 'viewer');
    await call(list.GET(req('/api/v1/alerts/channels', { token: viewer }), params({})), 403);
    await call(testRoute.POST(req(`/api/v1/alerts/channels/${hook.id}/test`, { method: 'POST', token: viewer }), params({ cid: hook.id })), 403);

    const gone = await call<{ message: string }>(one.DELETE(req(`/api/v1/alerts/channels/${hook.id}`, { method: 'DELETE' }), params({ cid: hook.id })));
    expect(gone.message).toMatch(/Removed alert channel hook-renamed/);
    await call(one.GET(req(`/api/v1/alerts/channels/${hook.id}`), params({ cid: hook.id })), 404);
  });

  it('no secret in any response, audit entry or stored row in the clear', async () => {
    const audit = await berth.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.some((a) => a.action === 'POST /api/v1/alerts/channels')).toBe(true);
    const rows = await berth.db.selectFrom('alert_channels').selectAll().execute();
    const deliveryRows = await berth.db.selectFrom('alert_deliveries').selectAll().execute();
    const everything = [...seen, JSON.stringify(audit), JSON.stringify(rows), JSON.stringify(deliveryRows)].join('\n');
    for (const s of SECRETS) expect(everything, s).not.toContain(s);
  });
});
