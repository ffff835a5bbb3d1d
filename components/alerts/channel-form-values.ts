import type { AlertChannelView } from '@/lib/alert-channel-types';
import { type ChannelKind, splitRecipients } from '@/lib/schemas/alert-channels';

/** The form's text fields, all strings, and the request body each kind sends from them. */
export interface ChannelFormValues {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  webhookUrl: string;
  signingSecret: string;
  server: string;
  topic: string;
  token: string;
  host: string;
  port: string;
  security: 'tls' | 'starttls' | 'none';
  from: string;
  to: string;
  username: string;
  password: string;
  /** forget the stored optional secret: the signing secret, the ntfy token, or the SMTP login */
  clear: boolean;
}

export function initialValues(c?: AlertChannelView): ChannelFormValues {
  const s = (c?.settings ?? {}) as Record<string, unknown>;
  const str = (k: string, d = '') => (typeof s[k] === 'string' || typeof s[k] === 'number' ? String(s[k]) : d);
  return {
    kind: c?.kind ?? 'webhook',
    name: c?.name ?? '',
    enabled: c?.enabled ?? true,
    webhookUrl: '',
    signingSecret: '',
    server: str('server', 'https://ntfy.sh'),
    topic: str('topic'),
    token: '',
    host: str('host'),
    port: str('port', '587'),
    security: (str('security', 'starttls') as ChannelFormValues['security']) ?? 'starttls',
    from: str('from'),
    to: Array.isArray(s.to) ? (s.to as string[]).join(', ') : '',
    username: str('username'),
    password: '',
    clear: false,
  };
}

/** What the API takes for this kind; empty secrets are sent empty (on edit: keep the stored one). */
export function bodyOf(v: ChannelFormValues): Record<string, unknown> {
  const common = { kind: v.kind, name: v.name, enabled: v.enabled };
  switch (v.kind) {
    case 'webhook':
      return { ...common, webhookUrl: v.webhookUrl, signingSecret: v.signingSecret || undefined, clearSigningSecret: v.clear || undefined };
    case 'slack':
    case 'discord':
      return { ...common, webhookUrl: v.webhookUrl };
    case 'ntfy':
      return { ...common, server: v.server, topic: v.topic, token: v.token || undefined, clearToken: v.clear || undefined };
    case 'email':
      return {
        ...common,
        host: v.host,
        port: v.port,
        security: v.security,
        from: v.from,
        to: splitRecipients(v.to),
        username: v.username || undefined,
        password: v.password || undefined,
        clearCredentials: v.clear || undefined,
      };
  }
}
