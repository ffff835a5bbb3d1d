import type { Principal } from '../auth/policy';
import { getBerth } from '../berth';
import { writeAudit } from './log';

const MAX_AUDITED_BODY = 64 * 1024;

/** The client's address as Berth's own server saw it (server.ts sets x-berth-peer; a client cannot forge it). */
export function clientIp(req: Request): string | null {
  const peer = req.headers.get('x-berth-peer');
  const fwd = req.headers.get('x-forwarded-for');
  if (peer && fwd) return `${fwd.split(',')[0].trim()} via ${peer}`;
  return peer ?? fwd?.split(',')[0].trim() ?? null;
}

/** "POST /api/v1/hosts/{id}/containers/{cid}/stop": the route, not the ids, so entries group by action. */
export function actionOf(method: string, pathname: string, params: Record<string, unknown>): string {
  const byValue = new Map(
    Object.entries(params)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [encodeURIComponent(v as string), k]),
  );
  const path = pathname
    .split('/')
    .map((seg) => (byValue.has(seg) ? `{${byValue.get(seg)}}` : seg))
    .join('/');
  return `${method} ${path}`;
}

/**
 * Starts reading the body for the audit entry without taking it from the handler (a clone, JSON only, capped).
 * Uploads (multipart: build contexts, stack folders) are recorded by type and declared size only, never content.
 */
export function auditBody(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  const length = Number(req.headers.get('content-length') ?? '0');
  const declared = req.headers.get('content-length');
  if (type.startsWith('multipart/') && req.body) return Promise.resolve({ upload: type.split(';')[0], bytes: declared === null ? null : Number(declared) });
  if (!type.includes('json') || length > MAX_AUDITED_BODY || !req.body) return Promise.resolve(undefined);
  return req
    .clone()
    .text()
    .then((t) => (t.length > MAX_AUDITED_BODY ? { truncated: true } : t ? JSON.parse(t) : undefined))
    .catch(() => undefined);
}

/** Records one mutation with its outcome; awaited by route() before the response is returned. */
export async function auditRequest(
  req: Request,
  body: Promise<unknown>,
  params: Record<string, unknown>,
  principal: Principal | undefined,
  res: Response,
): Promise<void> {
  try {
    const url = new URL(req.url);
    let error: string | null = null;
    if (res.status >= 400) {
      const j = (await res
        .clone()
        .json()
        .catch(() => null)) as { error?: { message?: string } } | null;
      error = j?.error?.message ?? `HTTP ${res.status}`;
    }
    const { id, ...rest } = params as { id?: string };
    const target =
      Object.entries(rest)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ') || null;
    await writeAudit((await getBerth()).db, {
      actor: principal?.name ?? 'anonymous',
      actorKind: principal ? `${principal.userKind}${principal.kind === 'token' ? ' token' : ''}` : 'none',
      ip: clientIp(req),
      action: actionOf(req.method, url.pathname, params),
      hostId: id ?? null,
      target,
      result: res.status === 401 || res.status === 403 ? 'denied' : res.status >= 400 ? 'error' : 'ok',
      status: res.status,
      error,
      details: await body,
    });
  } catch (e) {
    console.error(`berth: could not write the audit entry: ${(e as Error).message}`);
  }
}
