import { reply } from '@/lib/api-contract';
import { TokenRotateSchema } from '@/lib/schemas/swarm';
import { parse, readJson, route } from '@/server/http/handler';
import { rotateToken, swarmTokens } from '@/server/swarm/tokens';

export const dynamic = 'force-dynamic';
type P = { id: string };

/**
 * Join tokens are admin-only, reading them included: whoever holds the manager token can add a manager to the swarm,
 * which then holds every secret and can run anything on every node; the worker token lets a machine receive tasks
 * (and their secrets).
 */
export const GET = route<P>('admin', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/tokens', { tokens: await swarmTokens(berth, params.id) }),
);

/** Rotation: the body names only the role, so the audit entry holds no token; the new tokens go out in the response only. */
export const POST = route<P>('admin', async ({ req, params, berth }) => {
  const { role } = parse(TokenRotateSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/tokens', { tokens: await rotateToken(berth, params.id, role) });
});
