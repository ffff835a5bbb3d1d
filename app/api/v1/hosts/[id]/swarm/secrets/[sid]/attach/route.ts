import { reply } from '@/lib/api-contract';
import { AttachSchema, SwarmObjectRef } from '@/lib/schemas/swarm-secrets';
import { parse, readJson, route } from '@/server/http/handler';
import { attachObject } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/**
 * A service update adding the secret as a file (default /run/secrets/<name>). Admins only: whoever may attach a secret
 * can read it from a task's container (an operator may exec there), and the service policy refuses secrets to
 * non-admins in a service's or a Swarm stack's spec for the same reason. Configs are not secret: operate attaches them.
 */
export const POST = route<P>('admin', async ({ req, params, berth }) => {
  const sid = parse(SwarmObjectRef, params.sid);
  const input = parse(AttachSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/secrets/{sid}/attach', await attachObject(berth, params.id, 'secret', sid, input));
});
