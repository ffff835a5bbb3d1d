import type { ZodType } from 'zod';
import { ZodError } from 'zod';
import { checkOrigin, identify, type Principal, requireRule, type Rule } from '../auth/policy';
import { type Berth, getBerth } from '../berth';
import { auditBody, auditRequest } from '../audit/request';
import { guardEventStream } from '../auth/stream-guard';
import { BerthError, invalid, isBerthError, STATUS } from '../errors';

export interface HandlerContext<P> {
  req: Request;
  params: P;
  berth: Berth;
  principal: Principal;
}

type RouteFn<P> = ((req: Request, ctx: { params: Promise<P> }) => Promise<Response>) & { rule: Rule; audited: boolean };

export interface RouteOptions {
  /**
   * false for a POST that only checks or previews and changes nothing (compose validation as the user types, a deploy
   * plan): recording those would bury the changes users made under every keystroke. Default true.
   */
  audit?: boolean;
}

/**
 * The shape of every API route: check Origin on mutations → identify → requireRule → run → JSON → audit. Errors become JSON with
 * the right status in this one place, so no handler returns an error as 200; every mutation, allowed or refused, is
 * in the audit log before its response leaves (unless the route opts out: see RouteOptions). The rule is attached to the handler for the authorization matrix test.
 */
export function route<P = Record<string, never>>(rule: Rule, fn: (ctx: HandlerContext<P>) => Promise<unknown>, opts: RouteOptions = {}): RouteFn<P> {
  const audited = opts.audit !== false;
  const handler = async (req: Request, ctx: { params: Promise<P> }) => {
    const mutation = req.method !== 'GET' && req.method !== 'HEAD';
    const body = mutation && audited ? auditBody(req) : undefined;
    let principal: Principal | undefined;
    let params = {} as P;
    let res: Response;
    try {
      params = (await ctx?.params) ?? ({} as P);
      const berth = await getBerth();
      if (mutation) checkOrigin(req, berth.config.auth.publicUrl);
      principal = await identify(req);
      requireRule(principal, rule, (params as { id?: string }).id);
      const result = await fn({ req, params, berth, principal });
      res = result instanceof Response ? guardEventStream(req, rule, (params as { id?: string }).id, result) : Response.json(result ?? { ok: true });
    } catch (e) {
      res = errorResponse(e);
    }
    if (body) await auditRequest(req, body, params as Record<string, unknown>, principal, res);
    return res;
  };
  return Object.assign(handler, { rule, audited });
}

export function errorResponse(e: unknown): Response {
  if (isBerthError(e)) {
    // a refusal that names its wait (rate limits) says it in the standard header too, for clients that back off by it
    const wait = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    const headers = typeof wait === 'number' ? { 'retry-after': String(wait) } : undefined;
    return Response.json({ error: { kind: e.kind, message: e.message, details: e.details } }, { status: STATUS[e.kind], headers });
  }
  if (e instanceof ZodError || (e as Error)?.name === 'ZodError') {
    const err = fromZod(e as ZodError);
    return Response.json({ error: { kind: err.kind, message: err.message, details: err.details } }, { status: 400 });
  }
  console.error('berth: unexpected error', e);
  return Response.json({ error: { kind: 'internal', message: 'Berth hit an unexpected error; the server log has the details' } }, { status: 500 });
}

export function fromZod(e: ZodError): BerthError {
  const issues = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return new BerthError('invalid', first.join('; '), { issues });
}

export function parse<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('The request body must be JSON, e.g. {"name": "web-1"}');
  }
}

export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}
