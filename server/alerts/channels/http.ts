import http from 'node:http';
import https from 'node:https';
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
  type Sys = { code?: string; message?: string; address?: string; port?: number };
  const err = e as Sys & { name?: string; cause?: Sys };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.code === 'ETIMEDOUT' || err?.cause?.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no answer from ${where} within ${timeoutMs / 1000} s — is the receiver up and reachable from Berth?`;
  }
  const code = err?.cause?.code ?? err?.code;
  // node:http puts the socket's address on the error itself, fetch on its cause
  const sys = err?.cause?.address ? err.cause : err;
  const at = sys?.address ? `${sys.address}${sys.port ? `:${sys.port}` : ''}` : where;
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

/**
 * One POST with a time limit; any 2xx is delivered, anything else is a failure worded for people. node:http rather
 * than fetch: fetch refuses the "bad ports" of browsers (9, 6667, …), and a receiver on an internal host may use one.
 */
export async function postOnce(url: string, body: string, headers: Record<string, string>, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<AttemptOutcome> {
  const where = maskUrl(url);
  let answer: { status: number; location: string | undefined; text: string };
  try {
    answer = await request(url, body, headers, timeoutMs);
  } catch (e) {
    return { ok: false, response: null, error: networkError(e, where, timeoutMs) };
  }
  const { status, text } = answer;
  const response = `HTTP ${status}`;
  if (status >= 200 && status < 300) return { ok: true, response, error: null };
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      response,
      error: `the receiver answered ${status} (a redirect to ${maskUrl(answer.location ?? '')}) — give the final URL`,
      retry: false,
    };
  }
  // 4xx other than 408/429 will not change by trying again
  const retry = status >= 500 || status === 408 || status === 429;
  return { ok: false, response, error: `the receiver answered ${status}${text ? `: ${text}` : ''}`, retry };
}

/** the answer's first 200 characters help explain a refusal; more is not read */
const KEEP_TEXT = 200;

function request(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<{ status: number; location: string | undefined; text: string }>((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? https.request : http.request;
    const data = Buffer.from(body, 'utf8');
    const req = send(u, { method: 'POST', headers: { ...headers, 'content-length': String(data.length) }, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < KEEP_TEXT) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text: text.replace(/\s+/g, ' ').trim().slice(0, KEEP_TEXT) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}
