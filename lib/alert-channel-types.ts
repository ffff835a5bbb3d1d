import type { ChannelKind } from './schemas/alert-channels';

/**
 * What the API shows of an alert channel: its settings that are not secret, and for each secret only whether it is
 * set. `target` names where alerts go with any token cut out (a webhook URL's scheme and host only).
 */
export interface AlertChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  /** "https://hooks.slack.com/…", "https://ntfy.sh/ops", "smtp.example.com:587 → ops@example.com" */
  target: string;
  /** non-secret settings: ntfy server/topic; email host, port, security, from, to, username */
  settings: Record<string, unknown>;
  /** which secrets are stored: webhookUrl, signingSecret, token, password */
  secretsSet: Partial<Record<'webhookUrl' | 'signingSecret' | 'token' | 'password', boolean>>;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'retrying';

/** One attempt to deliver one alert change to one channel. */
export interface AlertDeliveryView {
  id: string;
  channelId: string;
  alertId: string;
  change: string;
  summary: string;
  attempt: number;
  status: DeliveryStatus;
  /** what the receiver answered: "HTTP 200", "250 2.0.0 Ok: queued" */
  response: string | null;
  /** plain words when it failed */
  error: string | null;
  at: string;
}

/** POST …/channels/{cid}/test: the result of one attempt, sent at once. */
export interface ChannelTestResult {
  ok: boolean;
  message: string;
  delivery: AlertDeliveryView;
}
