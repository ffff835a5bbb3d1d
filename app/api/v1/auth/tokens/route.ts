import { reply } from '@/lib/api-contract';
import { TokenCreateSchema } from '@/lib/schemas/auth';
import { issueToken, listTokenRows, toTokenView } from '@/server/auth/tokens';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** The caller's own API tokens (never the secrets: those are shown once, at creation). */
export const GET = route('self', async ({ berth, principal }) =>
  reply('GET /api/v1/auth/tokens', { tokens: (await listTokenRows(berth.db, principal.userId)).map(toTokenView) }),
);

/** A new token acting as the caller, shown once. */
export const POST = route('self', async ({ req, berth, principal }) => {
  const input = parse(TokenCreateSchema, await readJson(req));
  const expires = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const { token, view } = await issueToken(berth.db, principal.userId, input.name, 'api', expires);
  return Response.json(reply('POST /api/v1/auth/tokens', { token, info: view }), { status: 201 });
});
