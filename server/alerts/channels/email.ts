import nodemailer from 'nodemailer';
import type { AlertTransition } from '@/lib/alert-types';
import { headline, textBody } from './format';
import { ATTEMPT_TIMEOUT_MS, networkError } from './http';
import type { AttemptOutcome } from './queue';

interface SmtpSettings {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  from: string;
  to: string[];
  username?: string | null;
}

export function emailMessage(s: Pick<SmtpSettings, 'from' | 'to'>, t: AlertTransition) {
  return {
    from: s.from,
    to: s.to,
    subject: `[Berth] ${headline(t)}`.replace(/[\r\n]+/g, ' ').slice(0, 250),
    text: `${textBody(t)}\n\n— Berth alerts`,
    headers: { 'X-Berth-Alert': t.alert.id, 'X-Berth-Change': t.change },
  };
}

export async function sendEmail(s: SmtpSettings, password: string | null, t: AlertTransition): Promise<AttemptOutcome> {
  const where = `${s.host}:${s.port}`;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.username ? { user: s.username, pass: password ?? '' } : undefined,
    connectionTimeout: ATTEMPT_TIMEOUT_MS,
    greetingTimeout: ATTEMPT_TIMEOUT_MS,
    socketTimeout: ATTEMPT_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail(emailMessage(s, t));
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) return { ok: false, response: info.response ?? null, error: `the SMTP server at ${where} refused ${rejected.join(', ')}` };
    return { ok: true, response: info.response ?? null, error: null };
  } catch (e) {
    return smtpFailure(e, where);
  } finally {
    transport.close();
  }
}

function smtpFailure(e: unknown, where: string): AttemptOutcome {
  const err = e as { code?: string; response?: string; responseCode?: number; message?: string };
  const response = err?.response ?? null;
  if (err?.code === 'EAUTH') return { ok: false, response, error: `the SMTP server at ${where} refused the user name or password`, retry: false };
  if (err?.code === 'ETLS' || /STARTTLS/i.test(err?.message ?? '')) {
    return { ok: false, response, error: `TLS with ${where} failed: ${err.message} — check the security setting (TLS on 465, STARTTLS on 587)` };
  }
  if (err?.code === 'EENVELOPE' || err?.code === 'EMESSAGE') {
    return {
      ok: false,
      response,
      error: `the SMTP server at ${where} refused the message: ${response ?? err.message}`,
      retry: (err.responseCode ?? 500) < 500,
    };
  }
  // nodemailer wraps socket errors (code ESOCKET/ECONNECTION/ETIMEDOUT); the system's code is in the message
  const sys = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH)\b/.exec(err?.message ?? '')?.[1];
  if (sys) return { ok: false, response, error: networkError({ code: sys }, where) };
  if (err?.code === 'ETIMEDOUT') return { ok: false, response, error: networkError(err, where) };
  return { ok: false, response, error: `sending mail through ${where} failed: ${err?.message ?? String(e)}` };
}
