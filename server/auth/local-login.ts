import type { Berth } from '../berth';
import { BerthError } from '../errors';
import { writeAudit } from '../audit/log';
import { verifyPassword } from './passwords';
import { type Attempt, describeWait } from './rate-limit';
import { findUserByName, type UserRow } from './users';

/**
 * `ip` is clientIp()'s answer: "<forwarded client> via <socket peer>" behind a proxy, else the peer. The peer part is
 * the one a client cannot invent; see rate-limit.ts for how each part is limited.
 */
function attemptOf(ip: string | null, username: string): Attempt {
  const address = ip ?? 'unknown';
  const via = address.lastIndexOf(' via ');
  return { address, peer: via >= 0 ? address.slice(via + 5) : address, user: username };
}

/**
 * Checks a local user's password for both the sign-in form and POST /api/v1/auth/login: rate-limited, every failure
 * audited, and the same answer for an unknown user and a wrong password.
 */
export async function checkLocalLogin(berth: Berth, username: string, password: string, ip: string | null, via: string): Promise<UserRow> {
  const attempt = attemptOf(ip, username);
  // one limiter per process (Berth's), so the form's and the API's sign-ins count together
  const limiter = berth.loginLimiter;
  const wait = limiter.begin(attempt);
  if (wait > 0) {
    await writeAudit(berth.db, { actor: username, actorKind: 'local', ip, action: `auth.login.${via}`, result: 'denied', status: 429, error: 'rate limited' });
    throw new BerthError('rate_limited', `Too many failed sign-ins; try again in ${describeWait(wait)}`, {
      retryAfterSeconds: Math.ceil(wait / 1000),
      rateLimited: true,
    });
  }
  try {
    const user = await findUserByName(berth.db, username);
    const ok = (await verifyPassword(password, user?.kind === 'local' ? user.password_hash : null)) && user && !user.disabled;
    if (!ok || !user) {
      limiter.fail(attempt);
      const why = user?.disabled ? 'user disabled' : 'wrong user name or password';
      await writeAudit(berth.db, { actor: username, actorKind: 'local', ip, action: `auth.login.${via}`, result: 'denied', status: 401, error: why });
      throw new BerthError('unauthorized', user?.disabled ? 'This account is disabled; ask an admin' : 'Wrong user name or password');
    }
    limiter.succeed(attempt);
    return user;
  } finally {
    limiter.end(attempt);
  }
}
