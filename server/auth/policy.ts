import { BerthError, forbidden } from '../errors';
import { getBerth } from '../berth';
import { adminExists, ROLE_RANK } from './grants';
import { principalFromRequest } from './credentials';

/**
 * The one place that decides who may do what. Every route handler (through route() in server/http/handler.ts), the
 * streams' guard and the terminal's WebSocket upgrade call identify() then requireRule() with the rule they need;
 * nothing relies on middleware.
 *
 * Rules: 'self' (any signed-in user, for their own tokens and profile), 'read' (viewer), 'operate' (operator),
 * 'admin'. With a host id, the role held on that host counts; without one, 'read' needs a role somewhere (lists are
 * then filtered to readable hosts) and 'operate'/'admin' need the role on every host.
 */
export type Rule = 'self' | 'read' | 'operate' | 'admin';
export type Role = 'viewer' | 'operator' | 'admin';

export interface Principal {
  kind: 'session' | 'token';
  userId: string;
  /** shown in the audit log */
  name: string;
  userKind: 'local' | 'github';
  /** the role this principal holds on one host; without a host, the role that holds on every host */
  roleOn(hostId?: string): Role | null;
  /** hosts this principal may see: '*' for all */
  readableHosts(): '*' | Set<string>;
}

const NEEDS: Record<Exclude<Rule, 'self'>, Role> = { read: 'viewer', operate: 'operator', admin: 'admin' };

export const setupRequired = () =>
  new BerthError('unauthorized', 'Berth has no admin yet: open /setup in a browser to create the first one, or start Berth with BERTH_ADMIN_PASSWORD set', {
    setup: true,
  });

/** Who is calling, or 401 (pointing at setup while there is no admin). */
export async function identify(req: Request): Promise<Principal> {
  const berth = await getBerth();
  const principal = await principalFromRequest(berth, req);
  if (principal) return principal;
  if (!(await adminExists(berth.db))) throw setupRequired();
  throw new BerthError('unauthorized', 'Sign in first: open Berth in a browser, or send an API token as "Authorization: Bearer <token>"');
}

/** 403 naming the role held and the role needed, unless the principal may follow `rule` (on `hostId`). */
export function requireRule(principal: Principal, rule: Rule, hostId?: string): void {
  if (!allows(principal, rule, hostId)) {
    const held = principal.roleOn(hostId) ?? 'no role';
    const where = hostId ? 'on this host' : 'on every host';
    throw forbidden(
      `Your role ${where} is ${held}; this needs ${rule === 'read' ? 'viewer' : rule === 'operate' ? 'operator' : 'admin'}. Ask an admin for access.`,
    );
  }
}

export function allows(p: Principal, rule: Rule, hostId?: string): boolean {
  if (rule === 'self') return true;
  const need = NEEDS[rule];
  if (!hostId && rule === 'read') {
    const hosts = p.readableHosts();
    return hosts === '*' || hosts.size > 0;
  }
  const role = p.roleOn(hostId);
  return !!role && ROLE_RANK[role] >= ROLE_RANK[need];
}

export function canRead(p: Principal, hostId: string): boolean {
  const hosts = p.readableHosts();
  return hosts === '*' || hosts.has(hostId);
}

/**
 * Refuses cross-site mutations: a browser always sends Origin on POST/PATCH/DELETE and on WebSocket upgrades, and it
 * must name this server, scheme included (a page on http://host must not act on https://host: plain HTTP can be
 * tampered with on the way). Requests with no Origin come from non-browser clients (curl, scripts) and are allowed.
 * `publicUrl` is BERTH_PUBLIC_URL; callers pass it explicitly so none can forget it.
 */
export function checkOrigin(req: Request, publicUrl: string | undefined): void {
  const origin = req.headers.get('origin');
  if (origin === null) return;
  const allowed = expectedOrigins(req, publicUrl);
  if (!allowed.includes(normalOrigin(origin) ?? '')) {
    const expected = allowed.join(' or ') || 'unknown: the request has no Host';
    throw new BerthError(
      'forbidden',
      `Cross-origin request refused: Origin ${origin} does not match this server (${expected}). Behind an HTTPS proxy, set BERTH_PUBLIC_URL or have the proxy send X-Forwarded-Proto`,
    );
  }
}

/**
 * The origins a page of this Berth has: BERTH_PUBLIC_URL's, and the one the request itself names (X-Forwarded-Proto
 * and X-Forwarded-Host, which server.ts and next-auth already trust, else its own scheme and Host). With a public
 * URL, the request's own origin counts only for another host name (Berth opened directly, e.g. on localhost), so
 * http:// on the public host never stands in for https://.
 */
export function expectedOrigins(req: Request, publicUrl: string | undefined): string[] {
  const first = (name: string) => req.headers.get(name)?.split(',')[0].trim() || null;
  const host = first('x-forwarded-host') ?? req.headers.get('host');
  const proto = first('x-forwarded-proto') ?? new URL(req.url).protocol.replace(/:$/, '');
  const own = host && /^https?$/.test(proto) ? normalOrigin(`${proto}://${host}`) : null;
  if (!publicUrl) return own ? [own] : [];
  const pub = normalOrigin(publicUrl);
  const out = pub ? [pub] : [];
  if (own && (!pub || new URL(own).host !== new URL(pub).host)) out.push(own);
  return out;
}

/** scheme://host[:port] with the default port dropped and the name lower-cased, or null if it is not an origin */
function normalOrigin(s: string): string | null {
  if (s === 'null') return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
