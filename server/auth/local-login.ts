import type { Berth } from '../context';
import { BerthError } from '../errors';
import { writeAudit } from '../audit/log';
import { verifyPassword } from './passwords';
import { FailureLimiter } from './rate-limit';
import { findUserByName, type UserRow } from './users';

// 10 failures per address and per user name in 15 minutes.
const byIp = new FailureLimiter(10, 15 * 60_000);
const byUser = new FailureLimiter(10, 15 * 60_000);

/**
 * Checks a local user's password for both the sign-in form and POST /api/v1/auth/login: rate-limited, every failure
 * audited, and the same answer for an unknown user and a wrong password.
 */
export async function checkLocalLogin(berth: Berth, username: string, password: string, ip: string | null, via: string): Promise<UserRow> {
  const wait = Math.max(byIp.retryAfter(ip ?? '?'), byUser.retryAfter(username.toLowerCase()));
  if (wait > 0) {
    await writeAudit(berth.db, { actor: username, actorKind: 'local', ip, action: `auth.login.${via}`, result: 'denied', status: 429, error: 'rate limited' });
    throw new BerthError('rate_limited', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60_000)} minute(s)`, { retryAfterSeconds: Math.ceil(wait / 1000), rateLimited: true });
  }
  const user = await findUserByName(berth.db, username);
  const ok = (await verifyPassword(password, user?.kind === 'local' ? user.password_hash : null)) && user && !user.disabled;
  if (!ok || !user) {
    byIp.fail(ip ?? '?');
    byUser.fail(username.toLowerCase());
    const why = user?.disabled ? 'user disabled' : 'wrong user name or password';
    await writeAudit(berth.db, { actor: username, actorKind: 'local', ip, action: `auth.login.${via}`, result: 'denied', status: 401, error: why });
    throw new BerthError('unauthorized', user?.disabled ? 'This account is disabled; ask an admin' : 'Wrong user name or password');
  }
  byUser.succeed(username.toLowerCase());
  return user;
}
