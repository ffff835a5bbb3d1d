import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ChannelCreateSchema, ChannelUpdateSchema } from '@/lib/schemas/alert-channels';

/** Alert channels (issue #17 point 2): admins only; secrets are write-only. */
export function registerAlertChannels(r: OpenAPIRegistry): void {
  const cid = z.object({ cid: z.string().describe('Alert channel id') });
  const Error = z.object({ error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it') }) });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input (the field and the cause)'),
    403: err('Admins only'),
    404: err('No such channel'),
    409: err('A channel of that name exists'),
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/channels',
    summary: 'Alert channels: non-secret settings, a masked target and which secrets are set (never their values)',
    responses: { 200: json('{ channels: AlertChannelView[] }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/alerts/channels',
    summary: 'Add a webhook, Slack, Discord, ntfy or email channel; secrets are sealed at rest',
    request: { body: body(ChannelCreateSchema) },
    responses: { 200: json('{ channel: AlertChannelView }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/channels/{cid}',
    summary: 'One alert channel',
    request: { params: cid },
    responses: { 200: json('{ channel: AlertChannelView }'), ...errors },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/alerts/channels/{cid}',
    summary: 'Replace a channel; a secret left empty keeps the stored one; the kind cannot change',
    request: { params: cid, body: body(ChannelUpdateSchema) },
    responses: { 200: json('{ channel: AlertChannelView }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/alerts/channels/{cid}',
    summary: 'Remove a channel, its secrets and its delivery log',
    request: { params: cid },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/alerts/channels/{cid}/test',
    summary: 'Send a test alert now (one attempt, recorded); answers ok and the result in plain words, e.g. "the receiver answered 500"',
    request: { params: cid },
    responses: { 200: json('{ ok, message, delivery: AlertDeliveryView }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/channels/{cid}/deliveries',
    summary: 'Recent delivery attempts of a channel, newest first (200 kept per channel)',
    request: { params: cid, query: z.object({ limit: z.string().optional().describe('1-200, default 50') }) },
    responses: { 200: json('{ deliveries: AlertDeliveryView[] }'), ...errors },
  });
}
