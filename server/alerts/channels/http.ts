import type { AttemptOutcome } from './queue';

/** Each attempt's limit: a receiver that hangs must not hold a delivery slot for long. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** "https://hooks.slack.com" — a URL's scheme, host and port only: paths and queries of webhook URLs carry tokens. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname !== '/' || u.search ? '/…' : ''}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * A network failure in plain words, naming the host and port but never the path (which may hold the secret).
 * Works for fetch's `cause` and for nodemailer's socket errors alike.
 */
export function networkError(e: unknown, where: string, timeoutMs = ATTEMPT_TIMEOUT_MS): string {
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string; address?: string; port?: number } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.code === 'ETIMEDOUT' || err?.cause?.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no answer from ${where} within ${timeoutMs / 1000} s — is the receiver up and reachable from Berth?`;
  }
  const code = err?.cause?.code ?? err?.code;
  const at = err?.cause?.address ? `${err.cause.address}${err.cause.port ? `:${err.cause.port}` : ''}` : where;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused at ${at} — is the URL right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host of ${where} was not found (DNS) — is the URL right?`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `${where} closed the connection before answering`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${at} is unreachable from Berth (no route)`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${where} was not accepted (${code})`;
  }
  const msg = err?.cause?.message ?? err?.message ?? String(e);
  return `sending to ${where} failed: ${msg}`;
}

/** One POST with a time limit; any 2xx is delivered, anything else is a failure worded for people. */
export async function postOnce(url: string, body: string, headers: Record<string, string>, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<AttemptOutcome> {
  const where = maskUrl(url);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    return { ok: false, response: null, error: networkError(e, where, timeoutMs) };
  }
  // the answer's text helps explain a refusal; read a little, and never wait long for it
  const text = await readSome(res);
  const response = `HTTP ${res.status}`;
  if (res.ok) return { ok: true, response, error: null };
  const detail = text ? `: ${text}` : '';
  if (res.status >= 300 && res.status < 400) {
    return {
      ok: false,
      response,
      error: `the receiver answered ${res.status} (a redirect to ${maskUrl(res.headers.get('location') ?? '')}) — give the final URL`,
    };
  }
  // 4xx other than 408/429 will not change by trying again
  const retry = res.status >= 500 || res.status === 408 || res.status === 429;
  return { ok: false, response, error: `the receiver answered ${res.status}${detail}`, retry };
}

async function readSome(res: Response): Promise<string> {
  try {
    const text = await Promise.race([res.text(), new Promise<string>((r) => setTimeout(() => r(''), 2000).unref())]);
    return text.replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch {
    return '';
  }
}
