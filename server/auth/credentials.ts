import { decode } from 'next-auth/jwt';
import type { Berth } from '../berth';
import { BerthError } from '../errors';
import { grantsFor, roleFrom } from './grants';
import { ensureFreshMembership } from './membership';
import type { Principal } from './policy';
import { activeSession, revokeUserSessions } from './sessions';
import { findLiveToken, markUsed, TOKEN_PREFIX } from './tokens';
import { getUser, type UserRow } from './users';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];
const QUERY_TOKEN_KEYS = ['access_token', 'token', 'api_key', 'apikey', 'auth'];

const unauthorized = (msg: string) => new BerthError('unauthorized', msg);

/** Who sent this request: an API token in the Authorization header, or a browser session cookie; null if neither. */
export async function principalFromRequest(berth: Berth, req: Request): Promise<Principal | null> {
  refuseTokenInUrl(req.url);
  const authz = req.headers.get('authorization');
  if (authz) return fromToken(berth, authz);
  const sid = await sessionIdFromCookies(berth, req.headers.get('cookie'));
  return sid ? fromSession(berth, sid) : null;
}

/** URLs end up in proxy logs, browser history and Referer headers: a token there is refused, never used. */
function refuseTokenInUrl(url: string): void {
  const q = new URL(url, 'http://x').searchParams;
  for (const [k, v] of q) {
    if (QUERY_TOKEN_KEYS.includes(k.toLowerCase()) || v.startsWith(TOKEN_PREFIX)) {
      throw unauthorized('API tokens are accepted only in the "Authorization: Bearer <token>" header, never in the URL; revoke a token that was put in a URL');
    }
  }
}

async function fromToken(berth: Berth, header: string): Promise<Principal> {
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw unauthorized('The Authorization header must be "Bearer <token>"');
  const row = await findLiveToken(berth.db, m[1]);
  if (!row) throw unauthorized('This API token is not valid: it was revoked, has expired or is mistyped. Create a new one under Settings → API tokens');
  const user = await liveUser(berth, row.user_id);
  if (!user) throw unauthorized('The owner of this API token is disabled or no longer has access');
  void markUsed(berth.db, row.id).catch(() => {});
  return principalFor(berth, user, 'token');
}

export async function sessionIdFromCookies(berth: Berth, cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const cookies = new Map(
    cookieHeader.split(';').map((c) => {
      const i = c.indexOf('=');
      return [c.slice(0, i).trim(), decodeURIComponent(c.slice(i + 1).trim())] as const;
    }),
  );
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name);
    if (!value) continue;
    try {
      const jwt = await decode({ token: value, secret: berth.authSecret });
      if (jwt && typeof jwt.sid === 'string') return jwt.sid;
    } catch {
      // a cookie from another secret (Berth's key changed) or tampered with: as if absent
    }
  }
  return null;
}

async function fromSession(berth: Berth, sid: string): Promise<Principal | null> {
  const session = await activeSession(berth.db, sid);
  if (!session) return null;
  const user = await liveUser(berth, session.user_id);
  if (!user) return null;
  return principalFor(berth, user, 'session');
}

/** The user, if enabled and (for GitHub users) still a member of an allowed organization, checked at most 15 min ago. */
async function liveUser(berth: Berth, id: string): Promise<UserRow | null> {
  const user = await getUser(berth.db, id);
  if (!user) return null;
  if (user.disabled) {
    await revokeUserSessions(berth.db, user.id, 'user disabled');
    return null;
  }
  return user.kind === 'github' ? ensureFreshMembership(berth, user) : user;
}

export async function principalFor(berth: Berth, user: UserRow, kind: 'session' | 'token'): Promise<Principal> {
  const grants = await grantsFor(berth.db, user);
  return {
    kind,
    userId: user.id,
    name: user.username,
    userKind: user.kind,
    roleOn: (hostId) => roleFrom(grants, hostId),
    readableHosts: () => (grants.some((g) => g.host_id === '*') ? '*' : new Set(grants.map((g) => g.host_id))),
  };
}
