import crypto from 'node:crypto';
import type { AlertTransition } from '@/lib/alert-types';
import { postOnce } from './http';
import type { AttemptOutcome } from './queue';

/**
 * Generic webhook: the alert change as JSON. With a signing secret, `X-Berth-Signature: sha256=<hex>` is the
 * HMAC-SHA256 of the raw body under that secret, and `X-Berth-Timestamp` (Unix seconds) repeats the body's signed
 * `sentAt`, so a receiver can refuse old replays. See README "Alert webhooks".
 */
interface WebhookPayload {
  type: 'berth.alert';
  change: AlertTransition['change'];
  at: string;
  /** when this attempt was sent (Unix seconds), the same as X-Berth-Timestamp */
  sentAt: number;
  attempt: number;
  alert: AlertTransition['alert'];
}

export function webhookPayload(t: AlertTransition, attempt: number, now = Date.now()): WebhookPayload {
  return { type: 'berth.alert', change: t.change, at: t.at, sentAt: Math.floor(now / 1000), attempt, alert: t.alert };
}

export function sign(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** For receivers written in TypeScript (and our tests): constant-time check of a signature header. */
export function verifySignature(secret: string, rawBody: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(sign(secret, rawBody));
  const got = Buffer.from(header);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

export function webhookRequest(t: AlertTransition, attempt: number, signingSecret: string | null, now = Date.now()) {
  const payload = webhookPayload(t, attempt, now);
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Berth-Alerts/1',
    'x-berth-event': `alert.${t.change}`,
    'x-berth-timestamp': String(payload.sentAt),
  };
  if (signingSecret) headers['x-berth-signature'] = sign(signingSecret, body);
  return { body, headers };
}

export function sendWebhook(url: string, signingSecret: string | null, t: AlertTransition, attempt: number): Promise<AttemptOutcome> {
  const { body, headers } = webhookRequest(t, attempt, signingSecret);
  return postOnce(url, body, headers);
}
