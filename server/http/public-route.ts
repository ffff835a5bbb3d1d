import { auditBody, auditRequest } from '../audit/request';
import { checkOrigin } from '../auth/policy';
import { type Berth, getBerth } from '../berth';
import { errorResponse } from './handler';

/**
 * A route anyone may call (first-run setup, password login for scripts). Same shape as route(): Origin checked on
 * mutations, errors mapped in one place, every mutation audited before the response leaves.
 */
export function publicRoute(fn: (ctx: { req: Request; berth: Berth }) => Promise<unknown>) {
  const handler = async (req: Request, _ctx?: unknown) => {
    const body = req.method !== 'GET' ? auditBody(req) : undefined;
    let res: Response;
    try {
      const berth = await getBerth();
      if (req.method !== 'GET') checkOrigin(req, berth.config.auth.publicUrl);
      const result = await fn({ req, berth });
      res = result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (e) {
      res = errorResponse(e);
    }
    if (body) await auditRequest(req, body, {}, undefined, res);
    return res;
  };
  return Object.assign(handler, { rule: 'public' as const });
}
