import type { AlertChannelView, AlertDeliveryView, ChannelTestResult } from '@/lib/alert-channel-types';
import type { ChannelCreate, ChannelUpdate } from '@/lib/schemas/alert-channels';
import type { Berth } from '../../berth';
import { conflict, invalid, notFound } from '../../errors';
import { sendThrough } from './deliver';
import { testTransition } from './format';
import {
  type ChannelRecord,
  type ChannelSecrets,
  type ChannelSettings,
  deleteChannelRow,
  findChannelIdByName,
  findChannelRecord,
  insertChannel,
  insertDelivery,
  listChannelRecords,
  listDeliveries,
  toView,
  updateChannelRow,
} from './repo';

/** Alert channels: CRUD with sealed, write-only secrets, "Send test" and the delivery log (issue #17 point 2). */

export async function listChannels(b: Berth): Promise<AlertChannelView[]> {
  return (await listChannelRecords(b.db, b.box)).map(toView);
}

async function record(b: Berth, id: string): Promise<ChannelRecord> {
  const r = await findChannelRecord(b.db, b.box, id);
  if (!r) throw notFound(`No alert channel with id "${id}": it may have been removed`);
  return r;
}

export async function getChannel(b: Berth, id: string): Promise<AlertChannelView> {
  return toView(await record(b, id));
}

async function checkName(b: Berth, name: string, id?: string) {
  const other = await findChannelIdByName(b.db, name);
  if (other && other !== id) throw conflict(`An alert channel named "${name}" already exists: choose another name`);
}

/** The input's non-secret settings and secrets; a secret left out (or empty) keeps `old`'s. */
function split(input: ChannelCreate | ChannelUpdate, old: ChannelSecrets = {}): { settings: ChannelSettings; secrets: ChannelSecrets } {
  switch (input.kind) {
    case 'webhook':
      return {
        settings: {},
        secrets: {
          webhookUrl: input.webhookUrl || old.webhookUrl,
          signingSecret: input.clearSigningSecret ? undefined : input.signingSecret || old.signingSecret,
        },
      };
    case 'slack':
    case 'discord':
      return { settings: {}, secrets: { webhookUrl: input.webhookUrl || old.webhookUrl } };
    case 'ntfy':
      return {
        settings: { server: input.server.replace(/\/+$/, ''), topic: input.topic },
        secrets: { token: input.clearToken ? undefined : input.token || old.token },
      };
    case 'email': {
      const clear = input.clearCredentials;
      return {
        settings: {
          host: input.host,
          port: input.port,
          security: input.security,
          from: input.from,
          to: input.to,
          username: clear ? null : input.username || null,
        },
        secrets: { password: clear ? undefined : input.password || old.password },
      };
    }
  }
}

export async function createChannel(b: Berth, input: ChannelCreate): Promise<AlertChannelView> {
  await checkName(b, input.name);
  const { settings, secrets } = split(input);
  if (input.kind === 'email' && input.password && !input.username) throw invalid('Give the SMTP user name this password belongs to');
  const id = await insertChannel(b.db, b.box, { name: input.name, kind: input.kind, enabled: input.enabled, settings, secrets });
  return toView(await record(b, id));
}

export async function updateChannel(b: Berth, id: string, input: ChannelUpdate): Promise<AlertChannelView> {
  const old = await record(b, id);
  if (input.kind !== old.kind) {
    throw invalid(`Channel "${old.name}" is a ${old.kind} channel; its kind cannot change: add a new ${input.kind} channel instead`);
  }
  await checkName(b, input.name, id);
  const { settings, secrets } = split(input, old.secrets);
  if ((old.kind === 'webhook' || old.kind === 'slack' || old.kind === 'discord') && !secrets.webhookUrl) {
    throw invalid('Give the webhook URL: none is stored');
  }
  await updateChannelRow(b.db, b.box, id, { name: input.name, kind: old.kind, enabled: input.enabled, settings, secrets });
  return toView(await record(b, id));
}

export async function removeChannel(b: Berth, id: string): Promise<{ ok: true; message: string }> {
  const old = await record(b, id);
  await deleteChannelRow(b.db, id);
  return { ok: true, message: `Removed alert channel ${old.name} and its delivery log` };
}

export async function channelDeliveries(b: Berth, id: string, limit?: number): Promise<AlertDeliveryView[]> {
  await record(b, id);
  return listDeliveries(b.db, id, limit);
}

/** "Send test": one attempt now (no retries, even when the channel is off), recorded, answered in plain words. */
export async function testChannel(b: Berth, id: string, by: string): Promise<ChannelTestResult> {
  const c = await record(b, id);
  const t = testTransition(c.name, by);
  const o = await sendThrough(c, t, 1);
  const delivery = await insertDelivery(b.db, {
    channelId: id,
    alertId: t.alert.id,
    change: 'test',
    summary: t.alert.summary,
    attempt: 1,
    status: o.ok ? 'delivered' : 'failed',
    response: o.response,
    error: o.error,
  });
  const message = o.ok ? `Delivered to ${toView(c).target}${o.response ? ` (${o.response})` : ''}` : `Not delivered: ${o.error ?? 'unknown failure'}`;
  return { ok: o.ok, message, delivery };
}
