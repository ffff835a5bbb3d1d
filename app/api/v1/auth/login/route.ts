import { reply } from '@/lib/api-contract';
import { LoginSchema } from '@/lib/schemas/auth';
import { clientIp } from '@/server/audit/request';
import { writeAudit } from '@/server/audit/log';
import { checkLocalLogin } from '@/server/auth/local-login';
import { issueToken } from '@/server/auth/tokens';
import { parse, readJson } from '@/server/http/handler';
import { publicRoute } from '@/server/http/public-route';

export const dynamic = 'force-dynamic';

const LOGIN_TOKEN_HOURS = 1;

/**
 * A short-lived API token for a local user's scripts, from their user name and password. Rate-limited per address and
 * per user name; every failure is audited.
 */
export const POST = publicRoute(async ({ req, berth }) => {
  const input = parse(LoginSchema, await readJson(req));
  const ip = clientIp(req);
  const user = await checkLocalLogin(berth, input.username, input.password, ip, 'api');
  const expires = new Date(Date.now() + LOGIN_TOKEN_HOURS * 3600_000);
  const { token } = await issueToken(berth.db, user.id, `login from ${ip ?? 'unknown'}`, 'login', expires);
  await writeAudit(berth.db, { actor: user.username, actorKind: 'local', ip, action: 'auth.login.api', result: 'ok' });
  return reply('POST /api/v1/auth/login', { token, tokenType: 'Bearer', expiresAt: expires.toISOString() });
});
