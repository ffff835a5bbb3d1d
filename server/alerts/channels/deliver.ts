import type { AlertTransition } from '@/lib/alert-types';
import type { AlertDeliveryView, DeliveryStatus } from '@/lib/alert-channel-types';
import type { Berth } from '../../berth';
import { sendDiscord } from './discord';
import { sendEmail } from './email';
import { sendNtfy } from './ntfy';
import type { AttemptOutcome, DeliveryJob } from './queue';
import { type ChannelRecord, findChannelRecord, insertDelivery } from './repo';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

/** One attempt to send `t` through a stored channel; never throws. */
export async function sendThrough(c: ChannelRecord, t: AlertTransition, attempt: number): Promise<AttemptOutcome> {
  const s = c.settings;
  const url = c.secrets.webhookUrl;
  try {
    switch (c.kind) {
      case 'webhook':
        return url ? await sendWebhook(url, c.secrets.signingSecret ?? null, t, attempt) : noUrl();
      case 'slack':
        return url ? await sendSlack(url, t) : noUrl();
      case 'discord':
        return url ? await sendDiscord(url, t) : noUrl();
      case 'ntfy':
        return await sendNtfy(s.server!, s.topic!, c.secrets.token ?? null, t);
      case 'email':
        return await sendEmail(
          { host: s.host!, port: s.port!, security: s.security ?? 'starttls', from: s.from!, to: s.to ?? [], username: s.username },
          c.secrets.password ?? null,
          t,
        );
    }
  } catch (e) {
    return { ok: false, response: null, error: `sending failed: ${(e as Error).message}` };
  }
}

const noUrl = (): AttemptOutcome => ({ ok: false, response: null, error: 'the channel has no URL stored: edit it and give one', retry: false });

/** The queue's attempt: reads the channel now, so an edit or a removal takes effect on the next retry. */
export async function attemptDelivery(b: Berth, job: DeliveryJob): Promise<AttemptOutcome> {
  const c = await findChannelRecord(b.db, b.box, job.channelId);
  if (!c) return { ok: false, response: null, error: 'the channel was removed', retry: false };
  if (!c.enabled) return { ok: false, response: null, error: 'the channel is turned off', retry: false };
  return sendThrough(c, job.transition, job.attempt);
}

export async function recordDelivery(b: Berth, job: DeliveryJob, o: AttemptOutcome, status: DeliveryStatus): Promise<AlertDeliveryView> {
  return insertDelivery(b.db, {
    channelId: job.channelId,
    alertId: job.transition.alert.id,
    change: job.transition.change,
    summary: job.transition.alert.summary,
    attempt: job.attempt,
    status,
    response: o.response,
    error: o.error,
  });
}
