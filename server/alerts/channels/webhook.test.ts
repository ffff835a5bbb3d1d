import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertTransition } from '@/lib/alert-types';
import { testTransition } from './format';
import { sign, verifySignature, webhookPayload, webhookRequest } from './webhook';

const t: AlertTransition = testTransition('hook', 'alice', new Date('2026-01-02T03:04:05.678Z'));

describe('webhook signing', () => {
  it('signs the raw body with HMAC-SHA256 as sha256=<hex>', () => {
    // the value any receiver computes with its own HMAC library
    const want = crypto.createHmac('sha256', 'k').update('{"a":1}').digest('hex');
    expect(sign('k', '{"a":1}')).toBe(`sha256=${want}`);
    expect(sign('k', '{"a":1}')).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies only the right secret and body', () => {
    const h = sign('k', 'body');
    expect(verifySignature('k', 'body', h)).toBe(true);
    expect(verifySignature('k2', 'body', h)).toBe(false);
    expect(verifySignature('k', 'body ', h)).toBe(false);
    expect(verifySignature('k', 'body', undefined)).toBe(false);
    expect(verifySignature('k', 'body', 'sha256=00')).toBe(false);
  });

  it('sends the timestamp in a header and inside the signed body', () => {
    const now = Date.parse('2026-01-02T03:04:06Z');
    const { body, headers } = webhookRequest(t, 2, 'k', now);
    expect(headers['x-berth-timestamp']).toBe(String(now / 1000));
    expect(headers['x-berth-signature']).toBe(sign('k', body));
    expect(headers['x-berth-event']).toBe('alert.fired');
    expect(JSON.parse(body)).toEqual({ type: 'berth.alert', change: 'fired', at: t.at, sentAt: now / 1000, attempt: 2, alert: t.alert });
  });

  it('leaves the signature out without a secret', () => {
    expect(webhookRequest(t, 1, null).headers['x-berth-signature']).toBeUndefined();
    expect(webhookPayload(t, 1, 1_500).sentAt).toBe(1);
  });
});
